import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  popAll,
  spawnApi,
  spawnWorker,
  startApi,
  startRedisServer,
  unfinishedAcceptances,
  waitFor,
  type Api,
  type ApiProcess,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// Hole 3: an API process dies between claiming a batch's ids and enqueueing its jobs.
// No 202 was sent, yet the claims and their `ticket_accepted` events exist. The
// reconciler in the workers repairs them: each claim gets its job, from the content
// stored with the claim, so nothing leaks and every acceptance is followed by an end.
//
// The crash is placed by pausing Redis writes the moment the claims appear (the
// enqueue that follows is held) and SIGKILLing the API while it waits.

const BATCH = 1000;
/** The team queue the batch is sent to, and its keys' hash tag. */
const TEAM = 'general';
const TAG = `{iq:${TEAM}}`;
let redis: RedisServer;
let api: Api;
let victim: ApiProcess | undefined;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
});
afterAll(async () => {
  await victim?.kill();
  await worker?.kill();
  await api?.close();
  await redis?.stop();
});

/** Ticket ids claimed with no BullMQ job behind them. */
async function claimsWithoutJobs(): Promise<Map<string, string>> {
  const claims = await redis.client.hgetall(`${TAG}:claims`);
  const orphans = new Map<string, string>();
  for (const [ticketId, jobId] of Object.entries(claims)) {
    if (!(await redis.client.exists(`${TAG}:bull:tickets:${jobId}`))) orphans.set(ticketId, jobId);
  }
  return orphans;
}

describe('an API killed between claim and enqueue', () => {
  it('leaves claims the reconciler enqueues from their stored content; none leaks', async () => {
    let orphans = new Map<string, string>();
    // The enqueue usually follows the claim within milliseconds: try until the kill lands in between.
    for (let attempt = 0; attempt < 10 && orphans.size === 0; attempt++) {
      victim = await spawnApi(redis.url, await freePort());
      const ids = Array.from({ length: BATCH }, (_, i) => `orphan-${attempt}-${i}`);
      const request = fetch(`${victim.url}/tickets/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ids.map((id) => ({ ticket_id: id, subject: `content of ${id}`, body: 'Stored with the claim.', team: TEAM }))),
      }).catch(() => null); // the API dies: no answer
      await waitFor(async () => (await redis.client.hexists(`${TAG}:claims`, ids[0]!)) === 1, { intervalMs: 1, what: 'the claims' });
      await redis.client.call('CLIENT', 'PAUSE', '10000', 'WRITE');
      await victim.kill('SIGKILL');
      await redis.client.call('CLIENT', 'UNPAUSE');
      expect((await request)?.status).not.toBe(202);
      orphans = await claimsWithoutJobs();
    }
    expect(orphans.size).toBeGreaterThan(0);

    // A client that retries after the failed request is told duplicate: true and gets the
    // claim's job id; the content processed is the one stored with the claim. (It names no
    // team: wherever its category routes it, the id is already claimed in TEAM.)
    const [someId, someJob] = [...orphans][0]!;
    const retry = await api.post('/tickets', { ticket_id: someId, subject: 'retried content', body: 'Sent again.' });
    expect(retry.body).toMatchObject({ job_id: someJob, duplicate: true });

    worker = await spawnWorker(redis.url, { RECONCILE_GRACE_MS: '1000', RECONCILE_INTERVAL_MS: '250' });
    await waitFor(async () => (await claimsWithoutJobs()).size === 0 && (await redis.client.zcard(`${TAG}:pending`)) === 0, {
      what: 'the reconciler to enqueue every orphaned claim, and the worker to process them',
      timeoutMs: 60_000,
    });

    expect((await redis.client.xrange(`${TAG}:activity`, '-', '+')).length).toBeGreaterThan(0);
    for (const team of api.services.teams.all) expect(await unfinishedAcceptances(redis.client, team.keys.activity), team.name).toEqual([]);
    const popped = await popAll(api.url);
    const byId = new Map(popped.map((t) => [t.ticket_id, t]));
    for (const [ticketId, jobId] of orphans) {
      expect(byId.get(ticketId)).toMatchObject({ job_id: jobId, subject: `content of ${ticketId}` });
    }
    expect(popped).toHaveLength(byId.size); // nothing twice
    for (const team of api.services.teams.all) {
      expect(await redis.client.hlen(team.keys.claims), team.name).toBe(0);
      expect(await redis.client.hlen(team.keys.payloads), team.name).toBe(0);
    }
  });
});
