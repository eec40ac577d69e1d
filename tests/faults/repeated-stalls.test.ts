import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_MODEL,
  spawnWorker,
  startApi,
  startHttpReceiver,
  startRedisServer,
  startRedisTripwire,
  unfinishedAcceptances,
  waitFor,
  type Api,
  type HttpReceiver,
  type RedisServer,
  type RedisTripwire,
  type WorkerProcess,
} from '@iq/testkit';

// Hole 2: the same job's worker dies twice, once before the ticket is stored and once
// after. The job is retried both times (never failed into a released claim), the
// ticket is processed and alerted once, and its id stays claimed until it is popped.
//
// Each death is held in place: the first worker scores with the transformer and a
// micro-batcher that waits 10 s for more texts; the second reaches Redis through a
// tripwire that stops it right after the store, at the enqueue of the ticket's alert.

let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
let tripwire: RedisTripwire;
const workers: WorkerProcess[] = [];

/** Short locks and frequent stalled checks, so each death is noticed within seconds. */
const STALL = { WORKER_LOCK_DURATION_MS: '1500', WORKER_STALLED_INTERVAL_MS: '500' };
const ANGRY = { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' };
/** The team queue the ticket is sent to: its keys are `{iq:general}:…`. */
const TEAM = 'general';

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver(() => 200);
  tripwire = await startRedisTripwire(redis.port);
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await tripwire?.close();
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

async function startAndKill(env: Record<string, string>, until: () => Promise<boolean>, what: string, redisUrl = redis.url): Promise<void> {
  const worker = await spawnWorker(redisUrl, { ...STALL, ...env });
  workers.push(worker);
  await waitFor(until, { what, timeoutMs: 30_000 });
  await worker.kill('SIGKILL');
}

describe('a job whose worker dies twice', () => {
  it('is retried both times and processed, stored and alerted exactly once', async () => {
    const res = await api.post('/tickets', { ticket_id: 'stall-1', ...ANGRY, team: TEAM });
    const { keys } = api.services.teams.team(TEAM);
    expect(res.status).toBe(202);
    const jobId: string = res.body.job_id;
    const webhook = { WEBHOOK_URL: `${receiver.url}/alerts` };

    // 1. Dies before the store: its scorer is holding the text, waiting for company.
    await startAndKill(
      { URGENCY_SCORER: 'transformer', URGENCY_MODEL: FIXTURE_MODEL, SCORER_BATCH_WAIT_MS: '10000', ...webhook },
      async () => (await api.jobState(jobId)) === 'active',
      'the first worker to take the job',
    );
    expect(await redis.client.hexists(keys.processedTickets, 'stall-1')).toBe(0);

    // 2. Dies after the store: the ticket is stored, its alert about to be enqueued.
    const held = tripwire.arm('.urgent');
    await startAndKill(webhook, () => held.then(() => true), 'the second worker to store and alert', tripwire.url);
    expect(await redis.client.hexists(keys.processedTickets, 'stall-1')).toBe(1);

    // 3. A third worker finds the ticket stored: the job completes as a no-op, and enqueues the alert.
    const third = await spawnWorker(redis.url, { ...STALL, ...webhook });
    workers.push(third);
    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: `${jobId} completed`, timeoutMs: 30_000 });
    const job = await api.services.jobs.queue(TEAM).getJob(jobId);
    expect(job?.returnvalue).toMatchObject({ outcome: 'already_stored' });
    // At least the two deaths (a busy machine may delay a lock renewal into one more).
    expect(job?.stalledCounter).toBeGreaterThanOrEqual(2);

    await waitFor(async () => (await api.events('stall-1')).some((e) => e.type === 'webhook_sent'), { what: 'the alert delivered' });
    const events = (await api.events('stall-1')).map((e) => e.type).reverse();
    expect(events).toEqual(['ticket_accepted', 'ticket_processed', 'webhook_sent']);
    expect(receiver.requests.filter((r) => r.body.includes('stall-1'))).toHaveLength(1);
    // The acceptance is in the team's own stream, where the ledger looks for it.
    expect((await redis.client.xrange(keys.activity, '-', '+')).some(([, fields]) => fields.includes('ticket_accepted'))).toBe(true);
    for (const team of api.services.teams.all) expect(await unfinishedAcceptances(redis.client, team.keys.activity), team.name).toEqual([]);

    // The id stays claimed while the ticket waits: a resubmission is a duplicate.
    const again = await api.post('/tickets', { ticket_id: 'stall-1', subject: 'Changed', body: 'Other content.' });
    expect(again.body).toMatchObject({ job_id: jobId, duplicate: true });
    const popped = await api.get('/tickets/next');
    expect(popped.body).toMatchObject({ ticket_id: 'stall-1', job_id: jobId, subject: ANGRY.subject });
    expect((await api.get('/tickets/next')).status).toBe(404);
  });
});
