/**
 * Writes the agents' urgency corrections as labelled training examples, one JSON object
 * per line in the format of the evaluation set (`{"id", "subject", "body", "urgent",
 * "category", "note"}`), to stdout or to `--out <file>`, from every team queue. Reads
 * REDIS_URL (or REDIS_CLUSTER_NODES), QUEUE_PREFIX and TEAM_QUEUES like the API and the
 * workers; the count goes to stderr.
 *
 * Usage: npm run export:overrides [-- --out <file>]
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { TeamSet, jobPolicyFromEnv, createRedis, loadEnvOrExit, redisUrlOf, sharedEnvShape, trainingExample, waitForReady } from '@iq/core';

const USAGE = 'Usage: npm run export:overrides [-- --out <file>]\n';

let out: string | undefined;
try {
  ({ out } = parseArgs({ options: { out: { type: 'string' } } }).values);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const env = loadEnvOrExit(sharedEnvShape);
const redis = createRedis(redisUrlOf(env), { name: 'iq-export-overrides' });
// Without a listener ioredis prints every failed reconnect; the one error that matters is reported below.
redis.on('error', () => undefined);
const teams = new TeamSet(redis, { prefix: env.QUEUE_PREFIX, teams: env.TEAM_QUEUES, activityMaxlen: env.ACTIVITY_MAXLEN, retention: jobPolicyFromEnv(env) });

try {
  await waitForReady(redis);
  // Opened once Redis answers, so an unreachable Redis leaves no empty file behind.
  const sink = out === undefined ? process.stdout : createWriteStream(out);
  // Listening from the start: a file that cannot be opened or written fails the export
  // instead of crashing it as an unhandled 'error' event.
  const flushed = sink === process.stdout ? Promise.resolve() : finished(sink);
  flushed.catch(() => undefined);
  let written = 0;
  for (const { store } of teams.all) {
    for await (const record of store.overrideRecords()) {
      if (!sink.write(`${JSON.stringify(trainingExample(record))}\n`)) await once(sink, 'drain');
      written++;
    }
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
