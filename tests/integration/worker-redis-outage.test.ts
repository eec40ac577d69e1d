import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveWorkers } from '@iq/core';
import { holdLoad, spawnWorker, startApi, startRedisServer, waitFor, type Api, type RedisServer, type WorkerProcess } from '@iq/testkit';

// The real worker process through a Redis outage: its output (stdout + stderr) must say
// once that Redis went away and once that it came back, however many connections
// (its own and BullMQ's duplicates) fail in between, and never let ioredis print raw
// "Unhandled error event" lines.

let redis: RedisServer;
let api: Api;
let worker: WorkerProcess;
/** Set while redis-server is stopped, so a failed run still restarts it before cleaning up. */
let stopped = false;

beforeAll(async () => {
  // Append-only file: the restart keeps the queue and the claims.
  redis = await startRedisServer({ aof: true });
  api = await startApi(redis.url, { LOG_LEVEL: 'silent' });
  // The API's own queues see the outage too; they are not what this test looks at.
  for (const { queue } of api.services.jobs.teams) queue.on('error', () => undefined);
  // Short intervals, so the heartbeat and the reconciler both run into the outage.
  worker = await spawnWorker(redis.url, { LOG_LEVEL: 'info', RECONCILE_INTERVAL_MS: '200', HEARTBEAT_INTERVAL_MS: '200' });
});
afterAll(async () => {
  // SIGKILL: a graceful exit is not what this file tests (graceful-shutdown.test.ts does).
  await worker?.kill();
  if (stopped) await redis.restart('SIGTERM');
  await api?.close();
  await redis?.stop();
});

/** The worker's log lines that contain `text`. */
const linesWith = (text: string) => worker.output().split('\n').filter((line) => line.includes(text));

describe('worker during a Redis outage', () => {
  it('logs one line when Redis goes away and one when it is back, and keeps processing', async () => {
    // SHUTDOWN stops the server without the testkit's restart, so it stays down until
    // restart() below starts it again on the same port and data.
    stopped = true;
    await redis.client.call('shutdown').catch(() => undefined);
    await waitFor(() => linesWith('Redis unreachable').length > 0, { what: 'the worker to notice the outage' });
    // Long enough for every connection to fail several reconnect attempts, and for the
    // heartbeat and the reconciler to fail a few times each.
    await holdLoad(3_000);
    await redis.restart('SIGTERM');
    stopped = false;
    await waitFor(() => linesWith('Redis reachable again').length > 0, { what: 'the worker to notice the recovery' });

    // A ticket submitted after the restart is processed by the same worker process.
    const res = await waitFor(async () => {
      const r = await api.post('/tickets', { ticket_id: 'outage-1', subject: 'After the outage', body: 'Does this still work?' });
      return r.status === 202 ? r : undefined;
    }, { what: 'the API to accept a ticket after the restart' });
    await waitFor(async () => (await api.jobState(res.body.job_id)) === 'completed', { what: 'the ticket processed after the restart' });
    // Two more heartbeats (the reconciler runs as often), so a late error would show below.
    const processed = Date.now();
    await waitFor(
      async () => (await liveWorkers(api.services.redis, api.services.keys, 60_000)).some((w) => Date.parse(w.last_seen) > processed + 200),
      { what: 'heartbeats after the recovery' },
    );

    expect(linesWith('[ioredis]')).toEqual([]);
    // Nothing printed around the logger either (BullMQ console.errors the errors of a
    // Queue nobody listens to, as multi-line dumps).
    const unlogged = worker.output().split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{"level":'));
    expect(unlogged).toEqual([]);
    expect(linesWith('Redis unreachable')).toHaveLength(1);
    expect(linesWith('Redis reachable again')).toHaveLength(1);
    expect(JSON.parse(linesWith('Redis unreachable')[0]!)).toMatchObject({ level: 40, reason: expect.any(String) });
    expect(JSON.parse(linesWith('Redis reachable again')[0]!)).toMatchObject({ level: 30 });
    // The outage is reported by those two lines only, not by every failed heartbeat,
    // reconciler pass or connection error.
    expect(linesWith('heartbeat failed')).toEqual([]);
    expect(linesWith('reconciler pass failed')).toEqual([]);
    expect(linesWith('worker error')).toEqual([]);
  });
});
