import { afterAll, describe, expect, it } from 'vitest';
import { createLexiconScorer, type Scorer } from '@iq/core';
import { freePort, spawnWorker, startApi, startRedisServer, startWorker, waitFor } from '@iq/testkit';

// The worker's own HTTP listener (WORKER_METRICS_PORT) on a real worker and a real
// redis-server: GET /health follows whether the worker takes jobs and reaches Redis.

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

async function health(port: number): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.json() };
}

describe('worker HTTP listener', () => {
  it('answers 200 while the worker runs, 503 while its Redis is gone, and 200 once it is back', async () => {
    const redis = await startRedisServer();
    let stopped = false;
    cleanup.push(async () => {
      if (stopped) await redis.restart('SIGTERM');
      await redis.stop();
    });
    const port = await freePort();
    const worker = await startWorker(redis.url, { WORKER_METRICS_PORT: String(port), LOG_LEVEL: 'silent' });
    cleanup.push(() => worker.close());

    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok', worker: worker.id, running: true, redis: 'ok' } });

    // SHUTDOWN stops the server without the testkit's restart, so it stays down until restart().
    stopped = true;
    await redis.client.call('shutdown').catch(() => undefined);
    const down = await waitFor(async () => {
      const res = await health(port);
      return res.status === 503 && res;
    }, { what: '/health to answer 503' });
    expect(down.body).toEqual({ status: 'unavailable', worker: worker.id, running: true, redis: 'unreachable' });

    await redis.restart('SIGTERM');
    stopped = false;
    await waitFor(async () => (await health(port)).status === 200, { what: '/health to answer 200 again' });
  });

  it('answers 503 while the worker drains its jobs, and stops listening once it has closed', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const api = await startApi(redis.url);
    cleanup.push(() => api.close());
    // A scorer that holds the job until the test lets it go, so the drain lasts.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let scoring = false;
    const lexicon = createLexiconScorer();
    const scorer: Scorer = {
      info: { kind: 'lexicon', model: 'gated-lexicon', reason: 'test' },
      async score(texts) {
        scoring = true;
        await gate;
        return lexicon.score(texts);
      },
    };
    const port = await freePort();
    const worker = await startWorker(redis.url, { WORKER_METRICS_PORT: String(port) }, scorer);
    cleanup.push(() => worker.close());

    const res = await api.post('/tickets', { ticket_id: 'drain-1', subject: 'Slow one', body: 'Take your time.' });
    expect(res.status).toBe(202);
    await waitFor(() => scoring, { what: 'the job to be in flight' });

    const closed = worker.close();
    try {
      expect(await health(port)).toEqual({ status: 503, body: { status: 'unavailable', worker: worker.id, running: false, redis: 'ok' } });
    } finally {
      release();
    }
    await closed;
    expect(await api.jobState(res.body.job_id)).toBe('completed');
    await expect(health(port)).rejects.toThrow();
  });

  it('is started by the entry point, which says where it listens', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const port = await freePort();
    const worker = await spawnWorker(redis.url, { WORKER_METRICS_PORT: String(port) });
    cleanup.push(() => worker.kill());
    const ready = worker.output().split('\n').find((line) => line.includes('worker ready'));
    expect(JSON.parse(ready!)).toMatchObject({ metrics_port: port });
    expect(await health(port)).toMatchObject({ status: 200, body: { status: 'ok', running: true, redis: 'ok' } });
  });
});
