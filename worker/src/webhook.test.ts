import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from './webhook.js';

// One try against a local server (node:http, no Redis): what each kind of answer becomes.

let server: Server;
let base = '';
const received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const held = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url!, headers: req.headers, body });
      if (req.url === '/hang') return void held.add(res);
      const status = Number(/^\/status\/(\d+)/.exec(req.url!)?.[1] ?? 200);
      if (status >= 300 && status < 400) res.setHeader('location', '/elsewhere');
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status >= 400 ? 'no_service\nsecond line' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (path: string, timeoutMs = 2_000) =>
  sendWebhook({ url: base + path, body: '{"text":"hi"}', headers: { 'content-type': 'application/json', 'x-iq-delivery': 'd-1' }, timeoutMs });

describe('sendWebhook', () => {
  it('POSTs the body and headers as given; 2xx is delivered', async () => {
    expect(await send('/hook')).toEqual({ ok: true, status: 200 });
    expect(received.at(-1)).toMatchObject({ url: '/hook', body: '{"text":"hi"}', headers: { 'x-iq-delivery': 'd-1' } });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [404, false],
    [400, false],
    [410, false],
  ])('HTTP %i fails with the start of its answer (retryable: %s)', async (status, retryable) => {
    expect(await send(`/status/${status}`)).toEqual({ ok: false, status, error: `HTTP ${status}: no_service second line`, retryable });
  });

  it('does not follow a redirect, and does not retry it', async () => {
    const result = await send('/status/302');
    expect(result).toMatchObject({ ok: false, status: 302, retryable: false });
    expect(result.ok || result.error).toMatch(/^HTTP 302 \(redirects are not followed\)/);
    expect(received.some((r) => r.url === '/elsewhere')).toBe(false);
  });

  it('times out a receiver that does not answer', async () => {
    expect(await send('/hang', 200)).toEqual({ ok: false, error: 'timed out after 200 ms', retryable: true });
  });

  it('says why a connection failed without the URL (whose path may hold a secret)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await sendWebhook({ url: `http://127.0.0.1:${port}/services/T0/B0/SECRET`, body: '{}', headers: {}, timeoutMs: 2_000 });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.ok || result.error).toMatch(/ECONNREFUSED/);
    expect(result.ok || result.error).not.toContain('SECRET');
  });
});
