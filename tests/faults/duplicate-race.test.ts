import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import {
  popAll,
  startApi,
  startLatencyProxy,
  startRedisServer,
  startWorker,
  tally,
  waitFor,
  type Api,
  type LatencyProxy,
  type RedisServer,
} from '@iq/testkit';

// Hole 1: two API instances on one Redis. Instance A enqueues a batch while instance B
// gets the same ticket ids one by one with other content. Whoever was told
// `duplicate: false` for an id is the one whose content gets processed, once.
//
// A reaches Redis through a proxy that delays what it sends by 300 ms (a loaded host),
// so between A's claim and A's enqueue there is a window in which B sees claims with
// no job behind them yet.

const N = 450;
let redis: RedisServer;
let slow: LatencyProxy;
let a: Api;
let b: Api;
let worker: TicketWorker;

beforeAll(async () => {
  redis = await startRedisServer();
  slow = await startLatencyProxy(redis.port, 300);
  [a, b] = await Promise.all([startApi(`redis://127.0.0.1:${slow.port}`), startApi(redis.url)]);
  worker = await startWorker(redis.url, { WORKER_CONCURRENCY: '32' });
});
afterAll(async () => {
  await worker?.close();
  await a?.close();
  await b?.close();
  await slow?.close();
  await redis?.stop();
});

describe('a duplicate racing the original across two API instances', () => {
  it('never replaces the content of the submission told duplicate: false', async () => {
    const ids = Array.from({ length: N }, (_, i) => `race-${i}`);
    const body = 'Sent as a batch to A.';
    const batch = a.post('/tickets/batch', ids.map((id) => ({ ticket_id: id, subject: `batch ${id}`, body })));
    // B's duplicates arrive once A has claimed the ids, while A is still enqueueing. (Both
    // contents route to the same team by category, but B's duplicates are found through the
    // deployment-wide owner index wherever they go: A's claim is looked for in every team.)
    const claims = a.services.teams.all.map((t) => t.keys.claims);
    const claimed = async (id: string) => (await Promise.all(claims.map((key) => redis.client.hexists(key, id)))).includes(1);
    await waitFor(() => claimed(ids[0]!), { intervalMs: 1, what: "A's claim" });
    const fromB = await Promise.all(ids.map((id) => b.post('/tickets', { ticket_id: id, subject: `single ${id}`, body: 'Sent alone to B.' })));
    const fromA = await batch;

    expect(fromA.status).toBe(202);
    const winner = new Map<string, string>();
    ids.forEach((id, i) => {
      const viaA = fromA.body.accepted[i];
      const viaB = fromB[i]!.body;
      expect(fromB[i]!.status).toBe(202);
      expect(viaA.job_id).toBe(viaB.job_id);
      // Exactly one of the two was the first submission: A's, claimed before B's arrived.
      expect([viaA.duplicate, viaB.duplicate]).toEqual([false, true]);
      winner.set(id, `batch ${id}`);
    });

    await waitFor(async () => (await b.get('/queue/size')).body.size === N, { what: `${N} tickets processed`, timeoutMs: 45_000 });
    const result = tally(winner, await popAll(b.url));
    expect(result).toEqual({ accepted: N, popped: N, duplicates: [], missing: [], swapped: [] });
  });
});
