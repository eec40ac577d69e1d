import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, createScorerFromEnv } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer } from '@iq/testkit';

// Health: live workers come and go; with Redis gone the API degrades cleanly (503 and
// {detail} bodies, never a hang). Each part runs on its own system; the one whose
// redis-server is stopped runs last.

/** Every request here gives up after this long, so a hanging endpoint fails the test. */
const REQUEST_TIMEOUT_MS = 5_000;

async function request(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

const gqlHealth = (api: Api) =>
  request(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ health { status redis model liveWorkers workerModels } }' }),
  });

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

describe('health with a running system', () => {
  it('shows a live worker, and none once the worker has closed', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const api = await startApi(redis.url);
    cleanup.push(() => api.close());
    const worker: TicketWorker = await startWorker(redis.url);
    let workerClosed = false;
    cleanup.push(async () => workerClosed || worker.close());

    expect(await request(`${api.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    const up = await request(`${api.url}/health/details`);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      status: 'ok',
      redis: 'ok',
      workers: { live: 1, last_heartbeat: expect.any(String), models: ['vader-lexicon'] },
    });
    // A worker without WORKER_TEAMS serves every team queue.
    const teams: readonly string[] = api.services.teams.names;
    expect(up.body.workers.teams).toEqual(teams.map((team) => ({ team, live: 1 })));
    expect(up.body.workers.unserved).toEqual([]);
    expect((await gqlHealth(api)).body.data.health).toEqual({
      status: 'ok',
      redis: 'ok',
      model: 'vader-lexicon',
      liveWorkers: 1,
      workerModels: ['vader-lexicon'],
    });

    await worker.close();
    workerClosed = true;
    // A closing worker removes itself: no waiting for its heartbeat to go stale.
    const down = await request(`${api.url}/health/details`);
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'ok', redis: 'ok', workers: { live: 0, last_heartbeat: null, models: [], unserved: teams } });
    expect((await gqlHealth(api)).body.data.health).toMatchObject({ status: 'ok', liveWorkers: 0, workerModels: [] });
  });
});

describe('health when Redis hangs with its connection open', () => {
  it('answers 503 unavailable while PINGs go unanswered, and 200 once Redis answers again', async () => {
    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const api = await startApi(redis.url, { LOG_LEVEL: 'silent' });
    cleanup.push(() => api.close());
    expect((await request(`${api.url}/health`)).status).toBe(200);

    // A stopped redis-server keeps its sockets open (ioredis still says "ready"): only a PING tells.
    const pid = Number(/process_id:(\d+)/.exec(await redis.client.info('server'))?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGSTOP');
    try {
      expect(await request(`${api.url}/health`)).toStrictEqual({ status: 503, body: { status: 'unavailable' } });
      expect(await request(`${api.url}/health/details`)).toMatchObject({ status: 503, body: { status: 'degraded', redis: 'unreachable' } });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await waitFor(async () => (await request(`${api.url}/health`)).status === 200, { what: '/health to answer 200 again' });
  });
});

describe('health shows no file paths', () => {
  // The real fallback reasons of a transformer that cannot load: they name the model
  // cache or the model directory, which callers of the API have no business knowing.
  it.each([
    ['a hub model missing from the cache', (dir: string) => ({ URGENCY_MODEL: 'Xenova/not-in-this-cache', MODEL_CACHE_DIR: path.join(dir, 'cache') })],
    ['a missing model directory', (dir: string) => ({ URGENCY_MODEL: path.join(dir, 'models', 'gone'), MODEL_CACHE_DIR: path.join(dir, 'cache') })],
  ])('reports the scorer without the location of %s', async (_case, envFor) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iq-health-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const env = { ...envFor(dir), URGENCY_SCORER: 'auto', URGENCY_TONE: 'transformer', MODEL_OFFLINE: '1' };
    const scorer = await createScorerFromEnv(env, createLogger({ name: 'test', level: 'silent', format: 'json' }));
    expect(scorer.info.reason).toContain(dir);

    const redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const api = await startApi(redis.url, env, scorer);
    cleanup.push(() => api.close());

    const details = await request(`${api.url}/health/details`);
    expect(details.status).toBe(200);
    expect(details.body.scorer).toMatchObject({ kind: 'model', model: 'urgency-v1 (tone: vader-lexicon)', reason: expect.stringContaining('fallback: ') });
    const gql = await request(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { model scorer { kind model reason } } }' }),
    });
    expect(gql.body.data.health.scorer).toEqual(details.body.scorer);
    for (const body of [details.body, gql.body]) {
      expect(JSON.stringify(body)).not.toContain(dir);
      expect(JSON.stringify(body)).not.toContain(tmpdir());
    }
  });
});

describe('health when Redis is unreachable', () => {
  let redis: RedisServer;
  let api: Api;

  it('answers 503 unavailable (details: degraded), 5xx {detail} for data endpoints, and GraphQL says degraded; nothing hangs', async () => {
    redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    api = await startApi(redis.url, { LOG_LEVEL: 'silent' });
    cleanup.push(() => api.close());
    // BullMQ prints connection errors of a queue nobody listens to (one per team); the outage is the point here.
    for (const { queue } of api.services.jobs.teams) queue.on('error', () => undefined);
    expect((await request(`${api.url}/health`)).status).toBe(200);
    expect(await request(`${api.url}/queue/size`)).toEqual({ status: 200, body: { size: 0 } });

    await redis.stop();

    const health = await waitFor(
      async () => {
        const res = await request(`${api.url}/health`);
        return res.status === 503 && res;
      },
      { what: '/health to answer 503' },
    );
    expect(health.body).toStrictEqual({ status: 'unavailable' });
    const details = await request(`${api.url}/health/details`);
    expect(details.status).toBe(503);
    expect(details.body).toMatchObject({ status: 'degraded', redis: 'unreachable', workers: { live: 0 } });

    const size = await request(`${api.url}/queue/size`);
    expect(size.status).toBeGreaterThanOrEqual(500);
    expect(size.status).toBeLessThan(600);
    expect(size.body).toEqual({ detail: expect.any(String) });

    const submit = await request(`${api.url}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Hello', body: 'Is anyone there?' }),
    });
    expect(submit.status).toBeGreaterThanOrEqual(500);
    expect(submit.status).toBeLessThan(600);
    expect(submit.body).toEqual({ detail: expect.any(String) });

    // However long the outage has lasted, data endpoints keep answering with an error.
    for (const path of ['/tickets/next', '/activity', '/queue/size']) {
      const res = await request(`${api.url}${path}`);
      expect(res.status, path).toBeGreaterThanOrEqual(500);
      expect(res.status, path).toBeLessThan(600);
      expect(res.body, path).toEqual({ detail: expect.any(String) });
    }
    const gqlSize = await request(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ queueSize }' }),
    });
    expect(gqlSize.body.errors?.length).toBeGreaterThan(0);
    expect(gqlSize.body.data ?? null).toBeNull();

    const gql = await gqlHealth(api);
    expect(gql.status).toBe(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.health).toMatchObject({ status: 'degraded', redis: 'unreachable', liveWorkers: 0 });

    // Still answering after all of that.
    expect((await request(`${api.url}/health`)).status).toBe(503);
  });
});
