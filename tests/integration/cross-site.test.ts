import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startSystem, waitFor, type System } from '@iq/testkit';

const ALLOWED = 'http://localhost:5173';
const EVIL = 'http://evil.example';

/**
 * A page on another site acting through an agent's browser. The API here runs without
 * keys (as on a developer's machine), so the origin checks are all that stands between
 * that page and the queue.
 */
describe('cross-site requests', () => {
  let sys: System;
  let url: string;

  const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(url + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const size = async () => (await (await fetch(`${url}/queue/size`)).json()).size as number;

  beforeAll(async () => {
    sys = await startSystem({ apiEnv: { CORS_ORIGINS: ALLOWED } });
    url = sys.api.url;
    await send('POST', '/tickets/batch', {}, [1, 2, 3].map((n) => ({ ticket_id: `xs-${n}`, subject: 'Down', body: 'Site down' })));
    await waitFor(async () => (await size()) === 3);
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it("refuses an <img>-style GET /tickets/next (no Origin, Sec-Fetch-Site: cross-site) and pops nothing", async () => {
    const res = await send('GET', '/tickets/next', { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image' });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/^Cross-site request refused/);
    expect(await size()).toBe(3);
  });

  it.each([
    ['DELETE', '/queue', undefined],
    ['POST', '/tickets', { ticket_id: 'xs-evil', subject: 'x', body: 'y' }],
    ['GET', '/tickets/next', undefined],
  ])('refuses %s %s from a foreign Origin', async (method, path, body) => {
    const res = await send(method, path, { origin: EVIL, 'sec-fetch-site': 'cross-site' }, body);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await size()).toBe(3);
  });

  it('refuses GraphQL (HTTP and SSE) from a foreign Origin', async () => {
    const mutation = await send('POST', '/graphql', { origin: EVIL }, { query: 'mutation { clearQueue }' });
    expect(mutation.status).toBe(403);
    expect((await mutation.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const sse = await send('POST', '/graphql', { origin: EVIL, accept: 'text/event-stream' }, { query: 'subscription { activity { type } }' });
    expect(sse.status).toBe(403);
    await sse.body?.cancel();
    expect(await size()).toBe(3);
  });

  it('refuses a WebSocket upgrade from a foreign Origin, and accepts the allowed and same-origin ones', async () => {
    const open = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { origin });
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('error', () => undefined);
      });
    expect(await open(EVIL)).toBe(403);
    expect(await open('null')).toBe(403);
    expect(await open(ALLOWED)).toBe(101);
    expect(await open(url)).toBe(101);
  });

  it('serves the allowed origin, same-origin pages and clients without Origin', async () => {
    const allowed = await send('POST', '/tickets', { origin: ALLOWED, 'sec-fetch-site': 'same-site' }, { ticket_id: 'xs-ok', subject: 'a', body: 'b' });
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const sameOrigin = await send('POST', '/graphql', { origin: url, 'sec-fetch-site': 'same-origin' }, { query: '{ queueSize }' });
    expect(sameOrigin.status).toBe(200);
    const curl = await send('GET', '/tickets/peek', {});
    expect(curl.status).toBe(200);
  });

  it('refuses an <img> from a same-site page (another app on localhost) without Origin', async () => {
    const before = await size();
    const res = await send('GET', '/tickets/next', { 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'image' });
    expect(res.status).toBe(403);
    expect(await size()).toBe(before);
  });

  it('answers HEAD /tickets/next with 405 instead of popping a ticket into the void', async () => {
    const before = await size();
    const res = await send('HEAD', '/tickets/next', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    expect(await size()).toBe(before);
  });

  it('refuses a DNS-rebound page: a Host it does not serve, on reads, writes and WebSocket upgrades', async () => {
    const rebound = 'rebind.attacker.example:' + new URL(url).port;
    const origin = `http://${rebound}`;
    const before = await size();
    // fetch() sets Host itself; node:http sends the one a rebound browser would.
    const withHost = (method: string, path: string, host: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(url + path, { method, headers: { host, origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end(body);
      });
    for (const [method, path] of [['GET', '/queue'], ['DELETE', '/queue'], ['GET', '/tickets/next']] as const) {
      expect(await withHost(method, path, rebound), `${method} ${path}`).toBe(403);
    }
    expect(await withHost('POST', '/graphql', rebound, JSON.stringify({ query: '{ queue { ticketId } }' }))).toBe(403);
    const upgrade = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { origin, headers: { host: rebound } });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => undefined);
    });
    expect(upgrade).toBe(403);
    expect(await size()).toBe(before);
    // Its own names still work.
    expect(await withHost('GET', '/queue/size', `localhost:${new URL(url).port}`)).toBe(200);
  });

  it('lets cross-site pages read nothing: reads get no CORS headers for a foreign origin', async () => {
    const res = await send('GET', '/queue', { origin: EVIL, 'sec-fetch-site': 'cross-site' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
