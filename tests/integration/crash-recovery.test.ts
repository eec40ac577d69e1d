import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import { spawnWorker, startApi, startHttpReceiver, startRedisServer, startWorker, waitFor, type Api, type HttpReceiver, type RedisServer, type WorkerProcess } from '@iq/testkit';

// A worker process SIGKILLed in the middle of a job loses nothing and duplicates
// nothing: its job's lock expires, another worker takes the stalled job over, and the
// ticket ends up in the processed queue exactly once, alerted at most once.
//
// The job is held mid-flight by the webhook: the receiver never answers the first
// request (and the webhook timeout is long), so the job is provably active when the
// worker is killed.

let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
let crashed: WorkerProcess | undefined;
let rescuer: TicketWorker | undefined;

/** Short locks, so a dead worker's job is found stalled quickly. */
const STALL = { WORKER_LOCK_DURATION_MS: '1000', WORKER_STALLED_INTERVAL_MS: '500' };

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver(() => 'hang');
});
afterAll(async () => {
  if (crashed && crashed.child.exitCode === null && crashed.child.signalCode === null) crashed.child.kill('SIGKILL');
  await crashed?.exited;
  await rescuer?.close();
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

const ANGRY = { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' };

describe('crash recovery', () => {
  it('recovers the job of a SIGKILLed worker and processes the ticket exactly once', async () => {
    expect((await api.post('/urgency-score', { text: `${ANGRY.subject}\n${ANGRY.body}` })).body.urgency_score).toBeGreaterThan(0.8);

    crashed = await spawnWorker(redis.url, {
      ...STALL,
      WEBHOOK_URL: `${receiver.url}/alerts`,
      WEBHOOK_TIMEOUT_MS: '20000',
    });
    const res = await api.post('/tickets', { ticket_id: 'crash-1', ...ANGRY });
    expect(res.status).toBe(202);
    const jobId: string = res.body.job_id;

    // The worker is now inside the job, waiting on the webhook.
    await waitFor(() => receiver.requests.some((r) => r.body.includes('crash-1')), { what: 'the webhook request' });
    expect(await api.jobState(jobId)).toBe('active');

    crashed.child.kill('SIGKILL');
    expect(await crashed.exited).toBeNull();
    expect(crashed.child.signalCode).toBe('SIGKILL');

    // Nobody is left to finish or recover it: the job stays active (its lock expires).
    expect(await api.jobState(jobId)).toBe('active');

    // From now on the webhook answers; a new worker takes the stalled job over.
    receiver.respond = () => 200;
    // Only its stalled checks need to be frequent: the dead worker's lock (1 s) is already
    // in Redis, and a long lock of its own keeps a busy test process from stalling it again.
    rescuer = await startWorker(redis.url, {
      WORKER_STALLED_INTERVAL_MS: STALL.WORKER_STALLED_INTERVAL_MS,
      WEBHOOK_URL: `${receiver.url}/alerts`,
      WEBHOOK_TIMEOUT_MS: '20000',
    });

    await waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: `${jobId} completed after recovery` });
    const job = await api.services.queue.getJob(jobId);
    expect(job?.returnvalue).toMatchObject({ outcome: 'already_stored' });

    const page = await api.get('/queue?limit=1000');
    expect(page.body.filter((t: any) => t.ticket_id === 'crash-1')).toEqual([expect.objectContaining({ job_id: jobId })]);
    expect((await api.get('/queue/size')).body.size).toBe(1);

    const log = await api.events('crash-1');
    expect(log.filter((e) => e.type === 'ticket_accepted')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'ticket_processed')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'ticket_failed')).toEqual([]);
    // The alert the dead worker was sending is not sent again (at most once per ticket).
    expect(receiver.requests.filter((r) => r.body.includes('crash-1'))).toHaveLength(1);
    expect(log.filter((e) => e.type === 'webhook_sent' || e.type === 'webhook_failed')).toEqual([]);

    // Popped once, then the queue is empty.
    const popped = await api.get('/tickets/next');
    expect(popped.body).toMatchObject({ ticket_id: 'crash-1', job_id: jobId });
    expect((await api.get('/tickets/next')).status).toBe(404);
  });
});
