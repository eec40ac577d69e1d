import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@iq/core';
import { startHttpListener, type HttpListener, type WorkerStatus } from './http-listener.js';

const log = createLogger({ name: 'test', level: 'silent', format: 'json' });
let listener: HttpListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

async function listen(status: () => WorkerStatus): Promise<string> {
  listener = await startHttpListener({ port: 0, host: '127.0.0.1', workerId: 'host:1:abcd', status, log });
  return `http://127.0.0.1:${listener.port}`;
}

async function get(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('worker HTTP listener', () => {
  it('answers GET /health 200 while the worker runs and its Redis is ready, 503 otherwise', async () => {
    const state: WorkerStatus = { running: true, redisReady: true };
    const url = await listen(() => state);

    const ok = await get(`${url}/health`);
    expect(ok).toMatchObject({ status: 200, body: { status: 'ok', worker: 'host:1:abcd', running: true, redis: 'ok' } });
    expect(ok.headers.get('cache-control')).toBe('no-store');

    state.redisReady = false;
    expect(await get(`${url}/health?probe=1`)).toMatchObject({ status: 503, body: { status: 'unavailable', running: true, redis: 'unreachable' } });

    state.redisReady = true;
    state.running = false;
    expect(await get(`${url}/health`)).toMatchObject({ status: 503, body: { status: 'unavailable', running: false, redis: 'ok' } });

    expect(await get(`${url}/health`, { method: 'HEAD' })).toMatchObject({ status: 503, body: undefined });
  });

  it('answers 404 elsewhere and 405 for other methods, and 500 if the status cannot be read', async () => {
    let broken = false;
    const url = await listen(() => {
      if (broken) throw new Error('no status');
      return { running: true, redisReady: true };
    });
    expect(await get(`${url}/metrics`)).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    const post = await get(`${url}/health`, { method: 'POST', body: '{}' });
    expect(post).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    broken = true;
    expect(await get(`${url}/health`)).toMatchObject({ status: 500 });
    // …and the listener is still there.
    broken = false;
    expect((await get(`${url}/health`)).status).toBe(200);
  });

  it('serves GET /metrics in the exposition format when given metrics, and 500 if they cannot be read', async () => {
    let fail = false;
    listener = await startHttpListener({
      port: 0,
      host: '127.0.0.1',
      workerId: 'host:1:abcd',
      status: () => ({ running: true, redisReady: true }),
      metrics: async () => {
        if (fail) throw new Error('no metrics');
        return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'iq_tickets_failed_total 0\n' };
      },
      log,
    });
    const url = `http://127.0.0.1:${listener.port}`;
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toBe('iq_tickets_failed_total 0\n');
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
    fail = true;
    expect((await fetch(`${url}/metrics`)).status).toBe(500);
    expect((await get(`${url}/health`)).status).toBe(200);
  });

  it('stops listening on close(), even with a keep-alive connection open, and may be closed twice', async () => {
    const url = await listen(() => ({ running: true, redisReady: true }));
    expect((await get(`${url}/health`)).status).toBe(200);
    await listener!.close();
    await listener!.close();
    await expect(get(`${url}/health`)).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const url = await listen(() => ({ running: true, redisReady: true }));
    const port = Number(new URL(url).port);
    await expect(startHttpListener({ port, host: '127.0.0.1', workerId: 'other', status: () => ({ running: true, redisReady: true }), log })).rejects.toThrow(/EADDRINUSE/);
  });
});
