import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import { ClaimReconciler, TRIAGE_JOB, TRIAGE_QUEUE, createKeys } from '@iq/core';
import { startApi, startRedisServer, waitFor, type Api, type RedisServer } from '@iq/testkit';

// The claim reconciler's decisions, one by one, on a real Redis and BullMQ queue (no
// worker runs, so nothing moves unless the reconciler moves it). A reconciler works on
// one team's queue and claims: every ticket here is pinned to the billing team.

let redis: RedisServer;
let api: Api;
const GRACE = 10_000;
const TEAM = 'billing';
const keys = createKeys('iq', TEAM);
const team = () => api.services.teams.team(TEAM);
const queue = () => api.services.jobs.queue(TEAM);

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
});

const reconciler = () => new ClaimReconciler(queue(), team().store, { graceMs: GRACE, batch: 100 });
const age = (jobId: string, ms: number) => redis.client.zadd(keys.pending, Date.now() - ms, jobId);

/** Claims ids the way the API does, but without enqueueing: what a crash in between leaves. */
async function claimOnly(ticketId: string) {
  const [claim] = await api.services.tickets.claim([
    { ticket: { ticket_id: ticketId, subject: `content of ${ticketId}`, body: '', customer_id: undefined, channel: undefined, team: TEAM }, team: TEAM },
  ]);
  expect(claim).toMatchObject({ team: TEAM, duplicate: false });
  return claim!.jobId;
}

describe('ClaimReconciler', () => {
  it('leaves a claim younger than the grace period alone', async () => {
    const jobId = await claimOnly('young');
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await queue().getJob(jobId)).toBeUndefined();
  });

  it('enqueues an old claim with no job exactly once, even with several reconcilers at once', async () => {
    const jobId = await claimOnly('orphan');
    await age(jobId, GRACE + 1_000);
    const passes = await Promise.all([reconciler().reconcile(), reconciler().reconcile(), reconciler().reconcile()]);
    expect(passes.flat()).toEqual([jobId]);
    const job = await queue().getJob(jobId);
    expect(job?.data).toEqual({ ticket_id: 'orphan' });
    expect(job?.name).toBe(TRIAGE_JOB);
    // Its content is still the one stored with the claim, and it stays pending until stored.
    expect(JSON.parse((await team().store.payload(jobId))!).ticket.subject).toBe('content of orphan');
    expect(await redis.client.zscore(keys.pending, jobId)).not.toBeNull();
  });

  it('leaves an old claim whose job exists to BullMQ, and looks again later', async () => {
    const res = await api.post('/tickets', { ticket_id: 'alive', subject: 's', body: 'b', team: TEAM });
    await age(res.body.job_id, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    const score = Number(await redis.client.zscore(keys.pending, res.body.job_id));
    expect(score).toBeGreaterThan(Date.now() - 5_000);
  });

  it('releases a claim whose stored content cannot be read, with ticket_abandoned', async () => {
    const jobId = await claimOnly('garbled id/é');
    await redis.client.hset(keys.payloads, jobId, '{not json');
    await age(jobId, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists(keys.claims, 'garbled id/é')).toBe(0);
    const [latest] = await team().activity.recent(1);
    expect(latest).toMatchObject({ type: 'ticket_abandoned', data: { ticket_id: 'garbled id/é', job_id: jobId } });
  });

  it('drops the leftovers of a claim that was released or moved on', async () => {
    const jobId = await claimOnly('moved-on');
    await redis.client.hset(keys.claims, 'moved-on', 'moved-on~999999');
    await age(jobId, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists(keys.payloads, jobId)).toBe(0);
    expect(await redis.client.zscore(keys.pending, jobId)).toBeNull();
    expect(await redis.client.hget(keys.claims, 'moved-on')).toBe('moved-on~999999');
  });

  it('releases the id of a job that failed for good while its worker died before releasing it, with ticket_failed', async () => {
    const res = await api.post('/tickets', { ticket_id: 'failed-unreleased', subject: 's', body: 'b', team: TEAM });
    // A bare BullMQ worker fails the job for good but, unlike ours, releases nothing:
    // what a worker killed between the failure and its release leaves behind.
    const bare = new Worker(TRIAGE_QUEUE, async () => { throw new UnrecoverableError('scorer exploded'); }, {
      connection: redis.client.duplicate({ maxRetriesPerRequest: null }),
      prefix: keys.bullPrefix,
    });
    await waitFor(async () => (await api.jobState(res.body.job_id)) === 'failed');
    await bare.close();
    await bare.disconnect();
    expect(await redis.client.hget(keys.claims, 'failed-unreleased')).toBe(res.body.job_id);
    await age(res.body.job_id, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists(keys.claims, 'failed-unreleased')).toBe(0);
    expect(await redis.client.zscore(keys.pending, res.body.job_id)).toBeNull();
    const [latest] = await team().activity.recent(1);
    expect(latest).toMatchObject({ type: 'ticket_failed', data: { ticket_id: 'failed-unreleased', job_id: res.body.job_id, error: 'scorer exploded' } });
  });

  it('releases a claimed id with no job and no stored content at all, with ticket_abandoned', async () => {
    const jobId = await claimOnly('claimed-no-job-no-content');
    await redis.client.hdel(keys.payloads, jobId);
    await age(jobId, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await queue().getJob(jobId)).toBeUndefined();
    expect(await redis.client.hexists(keys.claims, 'claimed-no-job-no-content')).toBe(0);
    expect(await redis.client.zscore(keys.pending, jobId)).toBeNull();
    const [latest] = await team().activity.recent(1);
    expect(latest).toMatchObject({ type: 'ticket_abandoned', data: { ticket_id: 'claimed-no-job-no-content', job_id: jobId } });
  });

  it('keeps the claim of a stored ticket and drops only its leftovers, recording nothing', async () => {
    const jobId = await claimOnly('claimed-and-stored');
    await redis.client.hset(keys.processedTickets, 'claimed-and-stored', JSON.stringify({ ticket_id: 'claimed-and-stored', job_id: jobId }));
    await age(jobId, GRACE + 1_000);
    const [before] = await team().activity.recent(1);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hget(keys.claims, 'claimed-and-stored')).toBe(jobId);
    expect(await redis.client.hexists(keys.payloads, jobId)).toBe(0);
    expect(await redis.client.zscore(keys.pending, jobId)).toBeNull();
    expect(await queue().getJob(jobId)).toBeUndefined();
    const [after] = await team().activity.recent(1);
    expect(after!.id).toBe(before!.id);
  });
});
