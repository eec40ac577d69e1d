import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClaimReconciler, TRIAGE_QUEUE, createKeys, createLexiconScorer, type Scorer, type UrgencyResult } from '@iq/core';
import { Queue } from 'bullmq';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer } from '@iq/testkit';

// Retries and final failure of triage jobs. The failures come from a real
// scorer-shaped dependency handed to the worker (the core `Scorer` interface), not
// from a mocked Redis: everything else is the real queue, worker and API. Every ticket is
// pinned to one team, whose BullMQ queue, claims and store these are.

let redis: RedisServer;
let api: Api;
/** Each test runs its own worker with its own scorer. */
let worker: TicketWorker | undefined;

// Retry policy is a job option, set by the API that enqueues the job.
const POLICY = { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '10' };
const TEAM = 'billing';
const keys = createKeys('iq', TEAM);
const queue = () => api.services.jobs.queue(TEAM);
const store = () => api.services.teams.team(TEAM).store;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url, POLICY);
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await redis?.stop();
});

/** A scorer that delegates to the lexicon scorer, failing on the calls `fails` picks. */
function flakyScorer(fails: (call: number) => boolean): Scorer & { calls: number } {
  const lexicon = createLexiconScorer();
  const scorer = {
    info: { kind: 'lexicon' as const, model: 'flaky-lexicon', reason: 'test' },
    calls: 0,
    async score(texts: string[]): Promise<UrgencyResult[]> {
      scorer.calls += 1;
      if (fails(scorer.calls)) throw new Error(`scorer unavailable (call ${scorer.calls})`);
      return (await lexicon.score(texts)).map((r) => ({ ...r, model: 'flaky-lexicon' }));
    },
  };
  return scorer;
}

const ticket = (ticketId: string) => ({ ticket_id: ticketId, subject: 'Cannot log in', body: 'The login page shows error 500.', team: TEAM });

describe('job retries and failures', () => {
  it('retries a job whose scorer failed once; the ticket is processed once', async () => {
    const scorer = flakyScorer((call) => call === 1);
    worker = await startWorker(redis.url, { ...POLICY, LOG_LEVEL: 'error' }, scorer);
    const res = await api.post('/tickets', ticket('retry-1'));
    expect(res.status).toBe(202);
    const jobId: string = res.body.job_id;

    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: `${jobId} completed` });
    expect(scorer.calls).toBe(2);
    const job = await queue().getJob(jobId);
    expect(job?.attemptsMade).toBe(2);

    const queued = (await api.get('/queue?limit=1000')).body.filter((t: any) => t.ticket_id === 'retry-1');
    // A technical text, in the team it names.
    expect(queued).toEqual([expect.objectContaining({ job_id: jobId, model: 'flaky-lexicon', category: 'Technical', team: TEAM })]);
    const types = (await api.events('retry-1')).map((e) => e.type);
    expect(types).toEqual(['ticket_processed', 'ticket_accepted']);
  });

  it('fails a job for good after the last attempt: ticket_failed, and the ticket id is free again', async () => {
    const scorer = flakyScorer(() => true);
    worker = await startWorker(redis.url, { ...POLICY, LOG_LEVEL: 'error' }, scorer);
    const res = await api.post('/tickets', ticket('doomed-1'));
    expect(res.status).toBe(202);
    const jobId: string = res.body.job_id;

    // ticket_failed is recorded after the claim is released.
    const failed = await waitFor(async () => (await api.events('doomed-1')).find((e) => e.type === 'ticket_failed'), {
      what: 'ticket_failed for doomed-1',
    });
    expect(failed.data).toMatchObject({ ticket_id: 'doomed-1', job_id: jobId, error: expect.stringContaining('scorer unavailable') });
    expect(await api.get(`/jobs/${encodeURIComponent(jobId)}`)).toEqual({
      status: 200,
      body: { job_id: jobId, ticket_id: 'doomed-1', state: 'failed' },
    });
    expect(scorer.calls).toBe(2);
    expect((await queue().getJob(jobId))?.attemptsMade).toBe(2);
    expect((await api.events('doomed-1')).filter((e) => e.type === 'ticket_failed')).toHaveLength(1);
    expect((await api.events('doomed-1')).filter((e) => e.type === 'ticket_processed')).toEqual([]);
    expect(await redis.client.hexists(keys.claims, 'doomed-1')).toBe(0);
    const gql = await api.gql('query($id: ID!) { job(id: $id) { id ticketId state } }', { id: jobId });
    expect(gql.data.job).toEqual({ id: jobId, ticketId: 'doomed-1', state: 'FAILED' });

    // The id may be submitted again, as a new ticket with a new job.
    const again = await api.post('/tickets', ticket('doomed-1'));
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ ticket_id: 'doomed-1', duplicate: false });
    expect(again.body.job_id).not.toBe(jobId);
    // This worker's scorer still fails: let the new job fail too before the next test.
    await waitFor(async () => (await api.jobState(again.body.job_id)) === 'failed', { what: 'second job failed' });
    await waitFor(async () => (await api.events('doomed-1')).filter((e) => e.type === 'ticket_failed').length === 2, {
      what: 'second ticket_failed',
    });
    expect(await api.jobState(jobId)).toBe('failed');
  });

  it('the reconciler frees the id of a job that failed for good when its worker died before releasing it', async () => {
    const scorer = flakyScorer(() => true);
    // No reconciler of its own (it would repair the orphan too early for this test to see).
    worker = await startWorker(redis.url, { ...POLICY, LOG_LEVEL: 'error', RECONCILE_INTERVAL_MS: '3600000' }, scorer);
    const first = await api.post('/tickets', ticket('orphan-1'));
    const jobId: string = first.body.job_id;
    const payload = await redis.client.hget(keys.payloads, jobId);
    await waitFor(async () => (await api.events('orphan-1')).some((e) => e.type === 'ticket_failed'), { what: 'ticket_failed' });
    await worker.close();
    worker = undefined;
    // What a worker killed between BullMQ's moveToFailed and the release leaves behind.
    await redis.client.hset(keys.claims, 'orphan-1', jobId);
    await redis.client.hset(keys.payloads, jobId, payload!);
    await redis.client.zadd(keys.pending, Date.now() - 60_000, jobId);
    const dup = await api.post('/tickets', ticket('orphan-1'));
    expect(dup.body).toMatchObject({ job_id: jobId, duplicate: true });

    const reconciler = new ClaimReconciler(queue(), store(), { graceMs: 10_000, batch: 100 });
    expect(await reconciler.reconcile()).toEqual([]);
    expect(await redis.client.hexists(keys.claims, 'orphan-1')).toBe(0);
    expect(await redis.client.zscore(keys.pending, jobId)).toBeNull();
    const failures = (await api.events('orphan-1')).filter((e) => e.type === 'ticket_failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]!.data).toMatchObject({ job_id: jobId, error: expect.stringContaining('scorer unavailable') });

    const again = await api.post('/tickets', ticket('orphan-1'));
    expect(again.body).toMatchObject({ ticket_id: 'orphan-1', duplicate: false });
    expect(again.body.job_id).not.toBe(jobId);
    await queue().remove(again.body.job_id);
    await store().release('orphan-1', again.body.job_id, 'ticket_abandoned', 'test cleanup');
  });

  it('processes a job enqueued by the previous version, whose content is in the job', async () => {
    // The previous versions had one queue, under `{iq}`: a worker of this version moves
    // their jobs into the team queues as it starts (see single-queue-upgrade.test.ts).
    const old = createKeys('iq');
    const previous = new Queue(TRIAGE_QUEUE, { connection: redis.client.duplicate({ maxRetriesPerRequest: null }), prefix: old.bullPrefix });
    const jobId = 'legacy-1~999998';
    try {
      await redis.client.hset(old.claims, 'legacy-1', jobId);
      const legacy = { ticket: { ticket_id: 'legacy-1', subject: 'Old job', body: 'Queued before the upgrade.' }, seq: 999_998, created_at: new Date().toISOString() };
      await previous.add('triage', legacy as any, { jobId });
    } finally {
      await previous.close();
    }
    worker = await startWorker(redis.url, { ...POLICY, LOG_LEVEL: 'error' }, flakyScorer(() => false));
    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: `${jobId} completed`, timeoutMs: 10_000 });
    const ticket = await api.services.tickets.find('legacy-1');
    expect(ticket).toMatchObject({ ticket: { job_id: jobId, subject: 'Old job', body: 'Queued before the upgrade.', model: 'flaky-lexicon' } });
    expect((await api.events('legacy-1')).map((e) => e.type)).toEqual(['ticket_processed']);
  });

  it('fails an invalid stored payload at once, without retries', async () => {
    const scorer = flakyScorer(() => false);
    worker = await startWorker(redis.url, { ...POLICY, LOG_LEVEL: 'error' }, scorer);
    // What a corrupted or hand-edited payload looks like: a subject that is not a string.
    const jobId = 'bad-payload~999999';
    await redis.client.hset(keys.claims, 'bad-payload', jobId);
    await redis.client.hset(keys.payloads, jobId, JSON.stringify({ ticket: { ticket_id: 'bad-payload', subject: 7, body: '' }, seq: 999_999, created_at: 'x' }));
    const job = await queue().add('triage', { ticket_id: 'bad-payload' }, { jobId });

    const failed = await waitFor(async () => (await api.events('bad-payload')).find((e) => e.type === 'ticket_failed'), {
      what: 'ticket_failed for bad-payload',
    });
    expect(failed.data).toMatchObject({ ticket_id: 'bad-payload', job_id: job.id, error: expect.stringContaining('invalid job payload') });
    expect(await api.jobState(job.id!)).toBe('failed');
    const stored = await queue().getJob(job.id!);
    expect(stored?.opts.attempts).toBe(2);
    expect(stored?.attemptsMade).toBe(1);
    expect(scorer.calls).toBe(0);
    expect((await api.get('/queue?limit=1000')).body.filter((t: any) => t.ticket_id === 'bad-payload')).toEqual([]);
    expect(await redis.client.hexists(keys.claims, 'bad-payload')).toBe(0);
    expect(await redis.client.hexists(keys.payloads, jobId)).toBe(0);
  });
});
