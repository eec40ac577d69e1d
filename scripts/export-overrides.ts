/**
 * Writes the agents' urgency corrections as labelled training examples, one JSON object
 * per line in the format of the evaluation set (`{"id", "subject", "body", "urgent",
 * "category", "note"}`), to stdout or to `--out <file>`. Reads REDIS_URL and
 * QUEUE_PREFIX like the API and the workers; the count goes to stderr.
 *
 * Usage: npm run export:overrides [-- --out <file>]
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { TicketStore, createKeys, jobPolicyFromEnv, createRedis, loadEnvOrExit, sharedEnvShape, trainingExample, waitForReady } from '@iq/core';

const USAGE = 'Usage: npm run export:overrides [-- --out <file>]\n';

let out: string | undefined;
try {
  ({ out } = parseArgs({ options: { out: { type: 'string' } } }).values);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const env = loadEnvOrExit(sharedEnvShape);
const redis = createRedis(env.REDIS_URL, { name: 'iq-export-overrides' });
// Without a listener ioredis prints every failed reconnect; the one error that matters is reported below.
redis.on('error', () => undefined);
const store = new TicketStore(redis, createKeys(env.QUEUE_PREFIX), env.ACTIVITY_MAXLEN, { retention: jobPolicyFromEnv(env) });

try {
  await waitForReady(redis);
  // Opened once Redis answers, so an unreachable Redis leaves no empty file behind.
  const sink = out === undefined ? process.stdout : createWriteStream(out);
  // Listening from the start: a file that cannot be opened or written fails the export
  // instead of crashing it as an unhandled 'error' event.
  const flushed = sink === process.stdout ? Promise.resolve() : finished(sink);
  flushed.catch(() => undefined);
  let written = 0;
  for await (const record of store.overrideRecords()) {
    if (!sink.write(`${JSON.stringify(trainingExample(record))}\n`)) await once(sink, 'drain');
    written++;
  }
  if (sink !== process.stdout) sink.end();
  await flushed;
  process.stderr.write(`Wrote ${written} training example${written === 1 ? '' : 's'} to ${out ?? 'stdout'}\n`);
} catch (error) {
  process.stderr.write(`Could not export the urgency corrections: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  redis.disconnect();
}
