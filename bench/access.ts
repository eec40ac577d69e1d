/**
 * What access control costs on the request path, as ratios to the same requests against
 * an API without keys or rate limits, on the same redis-server, in the same run, rounds
 * interleaved so drift hits both sides alike:
 *
 *   read   GET /queue/size            keyed: key lookup + role check
 *   pop    GET /tickets/next (empty)  keyed: key lookup + role check + the Redis rate-limit counter
 *
 * Usage: npm run bench:access [-- --requests 4000 --rounds 5]
 */
import { startApi, startRedisServer, type Api } from '@iq/testkit';
import { median, numberArg } from './args.js';

const REQUESTS = numberArg('requests', 4000);
const ROUNDS = numberArg('rounds', 5);
const IN_FLIGHT = 32;
const KEY = 'bench-agent-key-0123456789abcdef';

async function run(api: Api, path: string, headers: Record<string, string>, expected: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < REQUESTS) {
        const res = await fetch(api.url + path, { headers });
        await res.arrayBuffer();
        if (res.status !== expected) throw new Error(`${path} answered ${res.status}`);
      }
    }),
  );
  return (REQUESTS / (performance.now() - start)) * 1000;
}


async function main() {
  const redis = await startRedisServer();
  const open = await startApi(redis.url, { QUEUE_PREFIX: 'open' });
  // Limits far above what the run sends: every request pays for counting, none is refused.
  const keyed = await startApi(redis.url, {
    QUEUE_PREFIX: 'keyed',
    API_KEYS: `agent:${KEY}`,
    RATE_LIMIT_POP: '1000000000',
    RATE_LIMIT_SUBMIT: '1000000000',
  });
  const auth = { authorization: `Bearer ${KEY}` };
  const paths = [
    ['read: GET /queue/size', '/queue/size', 200],
    ['pop: GET /tickets/next (empty queue)', '/tickets/next', 404],
  ] as const;
  const results = new Map<string, { open: number[]; keyed: number[] }>(paths.map(([name]) => [name, { open: [], keyed: [] }]));
  for (const [, path, status] of paths) {
    await run(open, path, {}, status); // warm-up
    await run(keyed, path, auth, status);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, path, status] of paths) {
      const r = results.get(name)!;
      // Alternate which side goes first, so neither always runs on a warmer process.
      if (round % 2 === 0) {
        r.open.push(await run(open, path, {}, status));
        r.keyed.push(await run(keyed, path, auth, status));
      } else {
        r.keyed.push(await run(keyed, path, auth, status));
        r.open.push(await run(open, path, {}, status));
      }
    }
  }
  console.log(`\n${REQUESTS} requests × ${ROUNDS} rounds, ${IN_FLIGHT} in flight, medians\n`);
  console.log('| path | no keys, no limits (req/s) | keys + roles + rate limit (req/s) | ratio |\n|---|---:|---:|---:|');
  for (const [name] of paths) {
    const r = results.get(name)!;
    console.log(`| ${name} | ${median(r.open).toFixed(0)} | ${median(r.keyed).toFixed(0)} | ${(median(r.keyed) / median(r.open)).toFixed(2)} |`);
  }
  await keyed.close();
  await open.close();
  await redis.stop();
}

await main();
