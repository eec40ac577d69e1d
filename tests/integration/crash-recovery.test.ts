import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import { createKeys } from '@iq/core';
import {
  spawnWorker,
  startApi,
  startHttpReceiver,
  startRedisServer,
  startRedisTripwire,
  startWorker,
  waitFor,
  type Api,
  type HttpReceiver,
  type RedisServer,
  type RedisTripwire,
  type WorkerProcess,
} from '@iq/testkit';

// A worker process SIGKILLed in the middle of a job loses nothing and duplicates
// nothing: its job's lock expires, another worker takes the stalled job over, and the
// ticket ends up in the processed queue exactly once, alerted once.
//
// The job is held mid-flight right after it stored the ticket: the worker reaches Redis
// through a tripwire that stops its connection at the enqueue of the ticket's alert, so
// the job is provably active (and the ticket stored) when the worker is killed.

let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
let tripwire: RedisTripwire;
let crashed: WorkerProcess | undefined;
let rescuer: TicketWorker | undefined;

/** Short locks, so a dead worker's job is found stalled quickly. */
const STALL = { WORKER_LOCK_DURATION_MS: '1000', WORKER_STALLED_INTERVAL_MS: '500' };

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver(() => 200);
  tripwire = await startRedisTripwire(redis.port);
});
afterAll(async () => {
  if (crashed && crashed.child.exitCode === null && crashed.child.signalCode === null) crashed.child.kill('SIGKILL');
  await crashed?.exited;
  await rescuer?.close();
  await tripwire?.close();
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

/** The ticket is pinned to one team: its job, claim and stored ticket are that team's. */
const TEAM = 'billing';
const keys = createKeys('iq', TEAM);

const ANGRY = { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' };

describe('crash recovery', () => {
  it('recovers the job of a SIGKILLed worker and processes the ticket exactly once', async () => {
    expect((await api.post('/urgency-score', { text: `${ANGRY.subject}\n${ANGRY.body}` })).body.urgency_score).toBeGreaterThan(0.8);

    crashed = await spawnWorker(tripwire.url, { ...STALL, WEBHOOK_URL: `${receiver.url}/alerts` });
    // The delivery id of the ticket's alert is `<job id>.urgent`.
    const held = tripwire.arm('.urgent');
    const res = await api.post('/tickets', { ticket_id: 'crash-1', ...ANGRY, team: TEAM });
    expect(res.status).toBe(202);
    const jobId: string = res.body.job_id;

    // The worker is now inside the job, the ticket stored, its alert not enqueued.
    await held;
    expect(await api.jobState(jobId)).toBe('active');
    expect(await redis.client.hexists(keys.processedTickets, 'crash-1')).toBe(1);

    crashed.child.kill('SIGKILL');
    expect(await crashed.exited).toBeNull();
    expect(crashed.child.signalCode).toBe('SIGKILL');

    // Nobody is left to finish or recover it: the job stays active (its lock expires).
    expect(await api.jobState(jobId)).toBe('active');

    // A new worker takes the stalled job over. Only its stalled checks need to be frequent: the dead worker's lock (1 s) is
    // already in Redis, and a long lock of its own keeps a busy test process from stalling it again.
    rescuer = await startWorker(redis.url, {
      WORKER_STALLED_INTERVAL_MS: STALL.WORKER_STALLED_INTERVAL_MS,
      WEBHOOK_URL: `${receiver.url}/alerts`,
    });

    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: `${jobId} completed after recovery` });
    const job = await api.services.jobs.queue(TEAM).getJob(jobId);
    expect(job?.returnvalue).toMatchObject({ outcome: 'already_stored' });

    const page = await api.get('/queue?limit=1000');
    expect(page.body.filter((t: any) => t.ticket_id === 'crash-1')).toEqual([expect.objectContaining({ job_id: jobId })]);
    expect((await api.get('/queue/size')).body.size).toBe(1);

    const log = await api.events('crash-1');
    expect(log.filter((e) => e.type === 'ticket_accepted')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'ticket_processed')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'ticket_failed')).toEqual([]);
    // The alert the dead worker never enqueued is enqueued by the job's second run, once.
    await waitFor(async () => (await api.events('crash-1')).some((e) => e.type === 'webhook_sent'), { what: 'the alert delivered' });
    expect(receiver.requests.filter((r) => r.body.includes('crash-1'))).toHaveLength(1);
    expect((await api.events('crash-1')).filter((e) => e.type === 'webhook_sent' || e.type === 'webhook_failed')).toHaveLength(1);

    // Popped once, then the queue is empty.
    const popped = await api.get('/tickets/next');
    expect(popped.body).toMatchObject({ ticket_id: 'crash-1', job_id: jobId, team: TEAM });
    expect((await api.get('/tickets/next')).status).toBe(404);
  });
});
