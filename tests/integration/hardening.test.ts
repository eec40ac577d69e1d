import { gzipSync, brotliCompressSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, waitFor, type System } from '@iq/testkit';

/** A raw request, so the test controls Accept-Encoding and sees the bytes as sent. */
function raw(url: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(url + path, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('hardening', () => {
  let sys: System;
  let url: string;
  beforeAll(async () => {
    sys = await startSystem();
    url = sys.api.url;
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('sends security headers on API answers and pages', async () => {
    for (const path of ['/health', '/queue', '/', '/docs/']) {
      const res = await raw(url, path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['content-security-policy'], path).toContain("object-src 'none'");
      expect(res.headers['content-security-policy'], path).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by'], path).toBeUndefined();
    }
  });

  it('compresses GraphiQL (megabytes of inline bundle) and large JSON', async () => {
    const plain = await raw(url, '/graphql', { headers: { accept: 'text/html' } });
    const zipped = await raw(url, '/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
    expect(zipped.headers['content-encoding']).toBe('br');
    expect(zipped.body.length * 4).toBeLessThan(plain.body.length);
    // Its inline scripts are allowed by hash, not by 'unsafe-inline'.
    expect(zipped.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    expect(zipped.headers['content-security-policy']).not.toContain('unsafe-inline\'; script');

    const spec = await raw(url, '/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(spec.headers['content-encoding']).toBe('gzip');
  });

  it('accepts gzip and br request bodies, and refuses other encodings with 415', async () => {
    const ticket = JSON.stringify({ ticket_id: 'hd-gz', subject: 'Café broken', body: 'Très urgent' });
    const gz = await raw(url, '/tickets', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(ticket) });
    expect(gz.status).toBe(202);
    const br = await raw(url, '/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
      body: brotliCompressSync(ticket.replace('hd-gz', 'hd-br')),
    });
    expect(br.status).toBe(202);
    await waitFor(async () => (await sys.api.services.tickets.size()) === 2);
    const stored = await sys.api.services.views.list({ offset: 0, limit: 10, sort: 'urgency' });
    expect(stored.tickets.map((t) => t.subject)).toEqual(['Café broken', 'Café broken']);
    // Both waited in the team of their category (they name no team).
    for (const t of stored.tickets) expect(t.team).toBe(t.category.toLowerCase());

    const odd = await raw(url, '/tickets', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'compress' }, body: ticket });
    expect(odd.status).toBe(415);
    expect(JSON.parse(odd.body.toString()).detail).toContain('Unsupported Content-Encoding');
  });

  it('counts a decompressed body against the body limit (a gzip bomb is 413)', async () => {
    const bomb = gzipSync(JSON.stringify({ ticket_id: 'hd-bomb', subject: 's', body: 'a'.repeat(20 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await raw(url, '/tickets', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
    expect(res.status).toBe(413);
    expect((await sys.api.events('hd-bomb')).length).toBe(0);
  });

  it.each(['latin1', 'iso-8859-1', 'utf-16', 'windows-1252'])('refuses charset=%s with 415 instead of mangling the text', async (charset) => {
    const body = Buffer.from(JSON.stringify({ ticket_id: `hd-${charset}`, subject: 'Café', body: 'é' }), 'latin1');
    const res = await raw(url, '/tickets', { method: 'POST', headers: { 'content-type': `application/json; charset=${charset}` }, body });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.body.toString()).detail).toBe(`Unsupported charset: ${charset}; send JSON as UTF-8`);
    expect((await sys.api.events(`hd-${charset}`)).length).toBe(0);
  });

  it.each(['utf-8', 'UTF-8', '"utf-8"', 'utf8'])('accepts charset=%s', async (charset) => {
    const id = `hd-ok-${charset.replace(/\W/g, '')}`;
    const res = await raw(url, '/tickets', {
      method: 'POST',
      headers: { 'content-type': `application/json; charset=${charset}` },
      body: JSON.stringify({ ticket_id: id, subject: 'Café', body: 'é' }),
    });
    expect(res.status).toBe(202);
  });

  it('shows no file path, version or environment in the health report', async () => {
    const details = await raw(url, '/health/details');
    const gql = await raw(url, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { status model scorer { kind model reason } } }' }),
    });
    for (const text of [details.body.toString(), gql.body.toString()]) {
      expect(text).not.toMatch(/\/(work|home|root|usr|tmp)\//);
      expect(text).not.toMatch(/v?\d+\.\d+\.\d+/);
      expect(text).not.toContain(process.version);
    }
  });
});
