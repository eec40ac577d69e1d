import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClaimReconciler, TicketStore, bullJobKeys, createKeys, type Claim } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer, refusingScorer } from '@iq/testkit';

// Failed triage jobs: listed with their error, and retried so that the ticket id is
// claimed again and the ticket processed, on a real Redis, BullMQ queue, worker and API.
// Every ticket is pinned to one team, whose BullMQ queue, claims and kept contents these are.

const ADMIN_KEY = 'admin-key-0123456789abcdef';
const AGENT_KEY = 'agent-key-0123456789abcdef';
const POLICY = { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '10' };
const TEAM = 'billing';
const keys = createKeys('iq', TEAM);

/** The lexicon scorer, refusing texts that mention "poison" until the test mends it. */
const poison = refusingScorer();

let redis: RedisServer;
let api: Api;
let keyed: Api;
let worker: TicketWorker;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url, POLICY);
  keyed = await startApi(redis.url, { ...POLICY, API_KEYS: `admin:${ADMIN_KEY},agent:${AGENT_KEY}` });
  // No reconciler pass of its own: the tests that need one run it when they mean to.
  worker = await startWorker(redis.url, { ...POLICY, LOG_LEVEL: 'silent', RECONCILE_INTERVAL_MS: '3600000' }, poison.scorer);
});
beforeEach(() => {
  poison.refusing = true;
});
afterAll(async () => {
  await worker?.close();
  await keyed?.close();
  await api?.close();
  await redis?.stop();
});

const poisoned = (ticketId: string) => ({ ticket_id: ticketId, subject: `poison ${ticketId}`, body: 'This one fails.', team: TEAM });
const retry = (jobId: string) => api.post(`/jobs/${encodeURIComponent(jobId)}/retry`, undefined);
const failedList = async () => (await api.get('/jobs/failed?limit=1000')).body as { job_id: string; retryable: boolean }[];
const types = async (ticketId: string) => (await api.events(ticketId)).map((e) => e.type);

/** Submits a ticket whose scoring fails, and waits until its job has failed for good and released its id. */
async function failFor(ticketId: string): Promise<string> {
  const res = await api.post('/tickets', poisoned(ticketId));
  expect(res.status).toBe(202);
  await waitFor(async () => (await types(ticketId)).includes('ticket_failed'), { what: `ticket_failed for ${ticketId}` });
  return res.body.job_id;
}

/** Pops every queued ticket; returns their ids. */
async function popAll(): Promise<string[]> {
  const popped: string[] = [];
  for (let res = await api.get('/tickets/next'); res.status === 200; res = await api.get('/tickets/next')) popped.push(res.body.ticket_id);
  return popped;
}

describe('failed jobs', () => {
  it('keeps what a retry needs and lists failed jobs with their error, newest first, paged', async () => {
    const first = await failFor('list-1');
    const second = await failFor('list-2');
    expect(await redis.client.hexists(keys.payloads, first)).toBe(0);
    expect(JSON.parse((await redis.client.hget(keys.failedPayloads, first))!).ticket.subject).toBe('poison list-1');

    const all = await api.get('/jobs/failed');
    expect(all.status).toBe(200);
    expect(all.body.slice(0, 2)).toEqual([
      expect.objectContaining({ job_id: second, ticket_id: 'list-2' }),
      {
        job_id: first,
        ticket_id: 'list-1',
        subject: 'poison list-1',
        error: 'scorer refused a poisoned text',
        attempts_made: 2,
        failed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        retryable: true,
      },
    ]);
    const page = await fetch(`${api.url}/jobs/failed?limit=1&offset=1`);
    expect(page.headers.get('x-total-count')).toBe(String(all.body.length));
    expect(((await page.json()) as { job_id: string }[]).map((j) => j.job_id)).toEqual([first]);
  });

  it('retries a failed job: the id is claimed again, the ticket processed and popped exactly once', async () => {
    const jobId = await failFor('retry-1');
    poison.refusing = false;
    const res = await retry(jobId);
    expect(res).toEqual({ status: 202, body: { job_id: jobId, ticket_id: 'retry-1', state: 'waiting' } });
    await waitFor(async () => (await types('retry-1')).includes('ticket_processed'), { what: 'retry-1 processed' });
    expect(await types('retry-1')).toEqual(['ticket_processed', 'ticket_retried', 'ticket_failed', 'ticket_accepted']);
    expect(await api.jobState(jobId)).toBe('completed');
    expect((await failedList()).map((j) => j.job_id)).not.toContain(jobId);
    expect(await redis.client.hexists(keys.failedPayloads, jobId)).toBe(0);
    // While its ticket is queued, the job holds the claim: not retried a second time.
    expect((await retry(jobId)).status).toBe(409);
    expect(await popAll()).toEqual(['retry-1']);
    // Completed and popped: it is not a failed job any more.
    expect((await retry(jobId)).status).toBe(404);
  });

  it('refuses (409) to retry a job whose ticket id was submitted again meanwhile, and changes nothing', async () => {
    const jobId = await failFor('resubmitted-1');
    poison.refusing = false;
    const again = await api.post('/tickets', poisoned('resubmitted-1'));
    await waitFor(async () => (await types('resubmitted-1')).includes('ticket_processed'), { what: 'the new submission processed' });
    expect((await failedList()).find((j) => j.job_id === jobId)?.retryable).toBe(false);

    const res = await retry(jobId);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/submitted again/);
    expect(await api.jobState(jobId)).toBe('failed');
    expect(await redis.client.hget(keys.claims, 'resubmitted-1')).toBe(again.body.job_id);
    // The newer submission dropped the older content: no retry may ever process it now.
    expect(await redis.client.hexists(keys.failedPayloads, jobId)).toBe(0);
    expect(await types('resubmitted-1')).not.toContain('ticket_retried');
    expect(await popAll()).toEqual(['resubmitted-1']);

    // Its id is free again once popped: still no retry of the older content (it was handled).
    const late = await retry(jobId);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/submitted again since/);
    expect(await api.jobState(jobId)).toBe('failed');
    expect(await types('resubmitted-1')).not.toContain('ticket_retried');
    expect(await popAll()).toEqual([]);
  });

  it('of two concurrent retries of one job, one claims it (202) and the other is refused (409): processed once', async () => {
    const jobId = await failFor('double-1');
    poison.refusing = false;
    const statuses = (await Promise.all([retry(jobId), retry(jobId)])).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409]);
    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: 'double-1 completed' });
    const seen = await types('double-1');
    expect(seen.filter((t) => t === 'ticket_retried')).toHaveLength(1);
    expect(seen.filter((t) => t === 'ticket_processed')).toHaveLength(1);
    expect(await popAll()).toEqual(['double-1']);
  });

  it('answers 404 for an unknown job and for a job that did not fail', async () => {
    expect((await retry('no-such~1')).status).toBe(404);
    poison.refusing = false;
    const res = await api.post('/tickets', { ticket_id: 'fine-1', subject: 'fine', body: 'ok', team: TEAM });
    await waitFor(async () => (await api.jobState(res.body.job_id)) === 'completed', { what: 'fine-1 completed' });
    expect(await popAll()).toEqual(['fine-1']);
    const answer = await retry(res.body.job_id);
    expect(answer.status).toBe(404);
    expect(answer.body.detail).toMatch(/did not fail/);
  });

  it('lists and retries through GraphQL, with NOT_FOUND and CONFLICT', async () => {
    const jobId = await failFor('gql-1');
    const list = await api.gql('{ failedJobs(limit: 1) { total jobs { jobId ticketId subject error attemptsMade failedAt retryable } } }');
    expect(list.data.failedJobs.total).toBeGreaterThanOrEqual(1);
    expect(list.data.failedJobs.jobs).toEqual([
      { jobId, ticketId: 'gql-1', subject: 'poison gql-1', error: 'scorer refused a poisoned text', attemptsMade: 2, failedAt: expect.any(String), retryable: true },
    ]);
    poison.refusing = false;
    const mutation = 'mutation($id: ID!) { retryJob(jobId: $id) { id ticketId state } }';
    const done = await api.gql(mutation, { id: jobId });
    expect(done.data.retryJob).toEqual({ id: jobId, ticketId: 'gql-1', state: 'WAITING' });
    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: 'gql-1 completed' });
    const conflict = await api.gql(mutation, { id: jobId });
    expect(conflict.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', reason: 'in_progress' } });
    expect(await popAll()).toEqual(['gql-1']);
    const missing = await api.gql(mutation, { id: 'no-such~1' });
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('is for the admin role only, over REST and GraphQL', async () => {
    const as = (key: string, path: string, init: RequestInit = {}) =>
      fetch(keyed.url + path, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
    expect((await as(AGENT_KEY, '/jobs/failed')).status).toBe(403);
    expect((await as(AGENT_KEY, '/jobs/no-such~1/retry', { method: 'POST' })).status).toBe(403);
    expect((await as(ADMIN_KEY, '/jobs/failed')).status).toBe(200);
    expect((await as(ADMIN_KEY, '/jobs/no-such~1/retry', { method: 'POST' })).status).toBe(404);
    const gql = await as(AGENT_KEY, '/graphql', { method: 'POST', body: JSON.stringify({ query: '{ failedJobs { total } }' }) });
    expect(((await gql.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  });
});

describe('failed jobs and the claim reconciler', () => {
  const queue = () => api.services.jobs.queue(TEAM);
  const team = () => api.services.teams.team(TEAM);
  const reconciler = () => new ClaimReconciler(queue(), team().store, { graceMs: 10_000, batch: 100 });

  it('leaves a retry under way alone, and undoes one whose API died before moving the job', async () => {
    const jobId = await failFor('crash-1');
    // The retry's claim step alone: what an API that dies before Job.retry leaves behind.
    expect(await team().store.retryFailed('crash-1', jobId, bullJobKeys(queue()))).toBeNull();
    expect(await api.jobState(jobId)).toBe('failed');
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hget(keys.claims, 'crash-1')).toBe(jobId);

    await redis.client.zadd(keys.pending, Date.now() - 60_000, jobId);
    expect(await reconciler().reconcile()).toEqual([]);
    expect(await redis.client.hexists(keys.claims, 'crash-1')).toBe(0);
    expect((await failedList()).find((j) => j.job_id === jobId)?.retryable).toBe(true);
    expect((await types('crash-1')).slice(0, 3)).toEqual(['ticket_failed', 'ticket_retried', 'ticket_failed']);

    poison.refusing = false;
    expect((await retry(jobId)).status).toBe(202);
    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: 'crash-1 completed' });
    expect(await popAll()).toEqual(['crash-1']);
  });

  it('keeps failed contents as BullMQ keeps failed jobs: the newest JOB_RETENTION_COUNT', async () => {
    const store = new TicketStore(redis.client, keys, 1000, { retention: { retentionSeconds: 3600, retentionCount: 2 } });
    const accepted = (id: string) => ({ ticket_id: id, subject: id, body: '', customer_id: undefined, channel: undefined, team: TEAM });
    /** Claims ids in the team as the API does: each with the arrival seq reserved for it. */
    const claim = async (ids: string[]): Promise<Claim[]> => {
      const reserved = await api.services.teams.owners.reserve(ids.map((ticketId) => ({ ticketId, team: TEAM })));
      const answers = await store.claim(ids.map((id, i) => ({ ticket: accepted(id), seq: reserved[i]!.seq })));
      return answers.map((a) => {
        if (!('jobId' in a)) throw new Error(`${a.ticketId} was not claimed`);
        return a;
      });
    };
    const claims = await claim(['keep-1', 'keep-2', 'keep-3']);
    for (const c of claims) expect(await store.release(c.ticketId, c.jobId, 'ticket_failed', 'test')).toBe(true);
    const kept = await redis.client.hmget(keys.failedPayloads, ...claims.map((c) => c.jobId));
    expect(kept.map((p) => p !== null)).toEqual([false, true, true]);
    expect(await redis.client.hlen(keys.failedPayloads)).toBe(2);
    expect(await redis.client.zcard(keys.failedKept)).toBe(2);
    // Abandoned claims never had a job to retry: nothing is kept for them.
    const [abandoned] = await claim(['keep-4']);
    await store.release('keep-4', abandoned!.jobId, 'ticket_abandoned', 'test');
    expect(await redis.client.hexists(keys.failedPayloads, abandoned!.jobId)).toBe(0);
  });
});
