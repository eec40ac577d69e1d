import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import { ClaimReconciler, TRIAGE_JOB, TRIAGE_QUEUE } from '@iq/core';
import { startApi, startRedisServer, waitFor, type Api, type RedisServer } from '@iq/testkit';

// The claim reconciler's decisions, one by one, on a real Redis and BullMQ queue (no
// worker runs, so nothing moves unless the reconciler moves it).

let redis: RedisServer;
let api: Api;
const GRACE = 10_000;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
});

const reconciler = () => new ClaimReconciler(api.services.queue, api.services.store, { graceMs: GRACE, batch: 100 });
const age = (jobId: string, ms: number) => redis.client.zadd('{iq}:pending', Date.now() - ms, jobId);

/** Claims ids the way the API does, but without enqueueing: what a crash in between leaves. */
async function claimOnly(ticketId: string) {
  const [claim] = await api.services.store.claim([
    { ticket_id: ticketId, subject: `content of ${ticketId}`, body: '', customer_id: undefined, channel: undefined },
  ]);
  return claim!.jobId;
}

describe('ClaimReconciler', () => {
  it('leaves a claim younger than the grace period alone', async () => {
    const jobId = await claimOnly('young');
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await api.services.queue.getJob(jobId)).toBeUndefined();
  });

  it('enqueues an old claim with no job exactly once, even with several reconcilers at once', async () => {
    const jobId = await claimOnly('orphan');
    await age(jobId, GRACE + 1_000);
    const passes = await Promise.all([reconciler().reconcile(), reconciler().reconcile(), reconciler().reconcile()]);
    expect(passes.flat()).toEqual([jobId]);
    const job = await api.services.queue.getJob(jobId);
    expect(job?.data).toEqual({ ticket_id: 'orphan' });
    expect(job?.name).toBe(TRIAGE_JOB);
    // Its content is still the one stored with the claim, and it stays pending until stored.
    expect(JSON.parse((await api.services.store.payload(jobId))!).ticket.subject).toBe('content of orphan');
    expect(await redis.client.zscore('{iq}:pending', jobId)).not.toBeNull();
  });

  it('leaves an old claim whose job exists to BullMQ, and looks again later', async () => {
    const res = await api.post('/tickets', { ticket_id: 'alive', subject: 's', body: 'b' });
    await age(res.body.job_id, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    const score = Number(await redis.client.zscore('{iq}:pending', res.body.job_id));
    expect(score).toBeGreaterThan(Date.now() - 5_000);
  });

  it('releases a claim whose stored content cannot be read, with ticket_abandoned', async () => {
    const jobId = await claimOnly('garbled id/é');
    await redis.client.hset('{iq}:payloads', jobId, '{not json');
    await age(jobId, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists('{iq}:claims', 'garbled id/é')).toBe(0);
    const [latest] = await api.services.activity.recent(1);
    expect(latest).toMatchObject({ type: 'ticket_abandoned', data: { ticket_id: 'garbled id/é', job_id: jobId } });
  });

  it('drops the leftovers of a claim that was released or moved on', async () => {
    const jobId = await claimOnly('moved-on');
    await redis.client.hset('{iq}:claims', 'moved-on', 'moved-on~999999');
    await age(jobId, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists('{iq}:payloads', jobId)).toBe(0);
    expect(await redis.client.zscore('{iq}:pending', jobId)).toBeNull();
    expect(await redis.client.hget('{iq}:claims', 'moved-on')).toBe('moved-on~999999');
  });

  it('releases the id of a job that failed for good while its worker died before releasing it, with ticket_failed', async () => {
    const res = await api.post('/tickets', { ticket_id: 'failed-unreleased', subject: 's', body: 'b' });
    // A bare BullMQ worker fails the job for good but, unlike ours, releases nothing:
    // what a worker killed between the failure and its release leaves behind.
    const bare = new Worker(TRIAGE_QUEUE, async () => { throw new UnrecoverableError('scorer exploded'); }, {
      connection: redis.client.duplicate({ maxRetriesPerRequest: null }),
      prefix: api.services.keys.bullPrefix,
    });
    await waitFor(async () => (await api.jobState(res.body.job_id)) === 'failed');
    await bare.close();
    await bare.disconnect();
    expect(await redis.client.hget('{iq}:claims', 'failed-unreleased')).toBe(res.body.job_id);
    await age(res.body.job_id, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists('{iq}:claims', 'failed-unreleased')).toBe(0);
    expect(await redis.client.zscore('{iq}:pending', res.body.job_id)).toBeNull();
    const [latest] = await api.services.activity.recent(1);
    expect(latest).toMatchObject({ type: 'ticket_failed', data: { ticket_id: 'failed-unreleased', job_id: res.body.job_id, error: 'scorer exploded' } });
  });

  it('releases a claimed id with no job and no stored content at all, with ticket_abandoned', async () => {
    const jobId = await claimOnly('claimed-no-job-no-content');
    await redis.client.hdel('{iq}:payloads', jobId);
    await age(jobId, GRACE + 1_000);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await api.services.queue.getJob(jobId)).toBeUndefined();
    expect(await redis.client.hexists('{iq}:claims', 'claimed-no-job-no-content')).toBe(0);
    expect(await redis.client.zscore('{iq}:pending', jobId)).toBeNull();
    const [latest] = await api.services.activity.recent(1);
    expect(latest).toMatchObject({ type: 'ticket_abandoned', data: { ticket_id: 'claimed-no-job-no-content', job_id: jobId } });
  });

  it('keeps the claim of a stored ticket and drops only its leftovers, recording nothing', async () => {
    const jobId = await claimOnly('claimed-and-stored');
    await redis.client.hset('{iq}:tickets', 'claimed-and-stored', JSON.stringify({ ticket_id: 'claimed-and-stored', job_id: jobId }));
    await age(jobId, GRACE + 1_000);
    const [before] = await api.services.activity.recent(1);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hget('{iq}:claims', 'claimed-and-stored')).toBe(jobId);
    expect(await redis.client.hexists('{iq}:payloads', jobId)).toBe(0);
    expect(await redis.client.zscore('{iq}:pending', jobId)).toBeNull();
    expect(await api.services.queue.getJob(jobId)).toBeUndefined();
    const [after] = await api.services.activity.recent(1);
    expect(after!.id).toBe(before!.id);
  });
});
