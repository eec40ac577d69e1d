import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import {
  freePort,
  popAll,
  spawnApi,
  startRedisServer,
  startSubmitters,
  startWorker,
  tally,
  holdLoad,
  unfinishedAcceptances,
  waitFor,
  type ApiProcess,
  type RedisServer,
} from '@iq/testkit';

// A run that held before and must keep holding: the API is SIGKILLed, then SIGTERMed,
// and restarted each time, while 8 clients submit. Every ticket that got a 202 is
// processed exactly once; claims the killed API made without enqueueing are repaired.

let redis: RedisServer;
let api: ApiProcess | undefined;
let worker: TicketWorker;
let port: number;

beforeAll(async () => {
  redis = await startRedisServer();
  port = await freePort();
  api = await spawnApi(redis.url, port);
  worker = await startWorker(redis.url, { RECONCILE_GRACE_MS: '1000', RECONCILE_INTERVAL_MS: '250' });
});
afterAll(async () => {
  await api?.kill();
  await worker?.close();
  await redis?.stop();
});

/** Acceptances not followed by an end, in every team's activity stream (the worker serves every team). */
async function unfinished(): Promise<string[]> {
  return (await Promise.all(worker.teams.map((team) => unfinishedAcceptances(redis.client, `{iq:${team}}:activity`)))).flat();
}

describe('the API killed and restarted while 8 clients submit', () => {
  it('processes every accepted ticket exactly once', async () => {
    const clients = startSubmitters(`http://127.0.0.1:${port}`, 8, 'ar');
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      await holdLoad(1_500);
      await api!.kill(signal);
      api = await spawnApi(redis.url, port);
    }
    await holdLoad(1_500);
    const accepted = await clients.stop();
    expect(accepted.size).toBeGreaterThan(100);

    expect(worker.teams).toEqual(['billing', 'technical', 'legal', 'general']);
    await waitFor(async () => (await unfinished()).length === 0, {
      what: 'every acceptance processed (or repaired)',
      timeoutMs: 60_000,
    });
    const result = tally(accepted, await popAll(api!.url));
    console.info(`${'API SIGKILLed + SIGTERMed'}: ${JSON.stringify({ ...result, duplicates: result.duplicates.length, missing: result.missing.length, swapped: result.swapped.length })}`);
    expect({ ...result, popped: undefined }).toEqual({ accepted: accepted.size, popped: undefined, duplicates: [], missing: [], swapped: [] });
    // Tickets whose claim landed but whose 202 never left the killed API are processed too.
    expect(result.popped).toBeGreaterThanOrEqual(accepted.size);
  });
});
