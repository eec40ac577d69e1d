import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  spawnWorker,
  startApi,
  startHttpReceiver,
  startRedisServer,
  startRedisTripwire,
  waitFor,
  type Api,
  type HttpReceiver,
  type RedisServer,
  type RedisTripwire,
  type WorkerProcess,
} from '@iq/testkit';

// SIGTERM makes a worker stop taking jobs but finish the one in flight before exiting.
// The job is held in flight, right after storing its ticket, by a tripwire between the
// worker and Redis that stops it at the enqueue of the ticket's alert until the test lets
// it through.

let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
let tripwire: RedisTripwire;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver(() => 200);
  tripwire = await startRedisTripwire(redis.port);
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await worker?.exited;
  await tripwire?.close();
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

describe('graceful shutdown', () => {
  it('finishes the job in flight on SIGTERM, takes no new one, and exits 0', async () => {
    worker = await spawnWorker(tripwire.url, { WEBHOOK_URL: `${receiver.url}/alerts`, WORKER_CONCURRENCY: '1' });
    const held = tripwire.arm('.urgent');
    const angry = { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' };
    const inFlight = await api.post('/tickets', { ticket_id: 'drain-1', ...angry });
    await held;
    expect(await api.jobState(inFlight.body.job_id)).toBe('active');

    worker.child.kill('SIGTERM');
    await waitFor(() => worker!.output().includes('finishing jobs in flight'), { what: 'the shutdown to begin' });
    const late = await api.post('/tickets', { ticket_id: 'drain-2', subject: 'Question', body: 'How do I export?' });
    expect(worker.child.exitCode).toBeNull();

    // Release the job: it enqueues its alert and completes; its own deliveries drain too.
    tripwire.release();
    expect(await worker.exited).toBe(0);

    expect((await api.get(`/jobs/${encodeURIComponent(inFlight.body.job_id)}`)).body.state).toBe('completed');
    expect((await api.get(`/jobs/${encodeURIComponent(late.body.job_id)}`)).body.state).toBe('waiting');
    const queued = (await api.get('/queue')).body.map((t: any) => t.ticket_id);
    expect(queued).toEqual(['drain-1']);
  });
});
