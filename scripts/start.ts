import { launch } from './launcher.js';

const USAGE = 'Usage: tsx scripts/start.ts [--dev]';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--dev');
if (unknown.length > 0) {
  console.error(`[start] Unknown argument(s): ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}

// Exit explicitly: once everything is stopped, nothing left should be able to hold the process open.
process.exit(await launch({ dev: args.includes('--dev') }));
