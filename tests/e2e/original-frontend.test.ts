import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, startSystem, waitFor, type System } from '@iq/testkit';

// The original frontend's way of calling the API, in Debian's Chromium: a page served
// from a second origin (http://127.0.0.1:<port>, allowed by CORS_ORIGINS) calls the API
// with fetch, as that frontend does. CORS is the browser's to enforce, so only a real
// browser tells whether the answers are usable.

/** What the original frontend's API module does, call for call. */
const PAGE = `<!doctype html>
<title>original frontend</title>
<ul id="activity"></ul>
<script>
  const json = (res) => { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); };
  window.client = (api) => ({
    submit: (ticket) => fetch(api + '/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ticket) }).then(json),
    submitBatch: (tickets) => fetch(api + '/tickets/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(tickets) }).then(json),
    queueSize: () => fetch(api + '/queue/size').then(json).then((r) => r.size),
    queue: async () => {
      const res = await fetch(api + '/queue', { credentials: 'include' });
      const list = await json(res);
      return { total: res.headers.get('X-Total-Count'), rows: list.map((t) => ({ id: t.ticket_id, s: t.urgency_score, p: t.priority_score, high: t.urgency_score > 0.8 })) };
    },
    pop: () => fetch(api + '/tickets/next').then(async (res) => ({ status: res.status, body: await res.json() })),
    clear: () => fetch(api + '/queue', { method: 'DELETE', headers: { 'Content-Type': 'application/json' } }).then(json),
    activity: async () => {
      const { events } = await json(await fetch(api + '/activity?limit=100'));
      const rows = [...events].reverse(); // newest on top, as the Activity page shows them
      document.getElementById('activity').innerHTML = rows
        .map((e) => '<li>' + new Date(e.ts * 1000).toLocaleTimeString() + ' ' + e.type + ' ' + (e.data.ticket_id ?? '') + '</li>')
        .join('');
      return rows.map((e) => e.type + ':' + (e.data.ticket_id ?? ''));
    },
  });
</script>`;

let sys: System;
let browser: Browser;
let frontend: Server;
let frontendPort: number;
let page: Page;

beforeAll(async () => {
  frontendPort = await freePort();
  frontend = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((resolve) => frontend.listen(frontendPort, '127.0.0.1', resolve));
  sys = await startSystem({ apiEnv: { CORS_ORIGINS: `http://127.0.0.1:${frontendPort}` } });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${frontendPort}/`);
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
  await new Promise((resolve) => frontend?.close(resolve));
});

/** Runs `client.<method>(...args)` inside the page, against the API's origin. */
function call(method: string, ...args: unknown[]): Promise<any> {
  return page.evaluate(([api, m, a]) => (window as any).client(api)[m](...a), [sys.api.url, method, args] as const);
}

describe('the original frontend, from another origin', () => {
  it('submits, lists the queue, pops, reads activity and clears, all through CORS', async () => {
    expect(new URL(page.url()).origin).not.toBe(new URL(sys.api.url).origin);

    const one = await call('submit', { ticket_id: 'FE 5', subject: 'Checkout broken', body: 'This is terrible, the checkout crashes and I am furious!' });
    expect(one).toMatchObject({ ticket_id: 'FE 5', message: 'Accepted for processing', duplicate: false });
    const batch = await call('submitBatch', [
      { ticket_id: 'FE 6', subject: 'Invoice', body: 'Where can I download my invoice? Thanks!' },
      { ticket_id: 'FE/7', subject: '', body: '' },
    ]);
    expect(batch.accepted.map((a: any) => a.ticket_id)).toEqual(['FE 6', 'FE/7']);
    await waitFor(async () => (await call('queueSize')) === 3, { what: 'three tickets processed' });

    const queue = await call('queue');
    expect(queue.total).toBe('3');
    expect(queue.rows.map((r: any) => r.id)).toEqual(['FE 5', 'FE 6', 'FE/7']);
    expect(queue.rows[0].high).toBe(true);
    for (const r of queue.rows) expect(Number.isInteger(r.p)).toBe(true);

    const popped = await call('pop');
    expect(popped).toMatchObject({ status: 200, body: { ticket_id: 'FE 5' } });

    const activity: string[] = await call('activity');
    expect(activity[0]).toBe('ticket_popped:FE 5');
    expect(activity).toEqual(expect.arrayContaining(['ticket_accepted:FE 5', 'ticket_processed:FE 5', 'ticket_processed:FE/7']));
    const shown = await page.locator('#activity').textContent();
    expect(shown).not.toContain('Invalid Date');
    expect(await page.locator('#activity li').count()).toBe(activity.length);

    expect(await call('clear')).toEqual({ status: 'queue cleared', cleared: 2 });
    expect(await call('pop')).toEqual({ status: 404, body: { detail: 'No tickets in queue' } });
    expect(await call('queue')).toEqual({ total: '0', rows: [] });
  });

  it('is refused by the browser when the page comes from an origin CORS_ORIGINS does not list', async () => {
    // Same server, other host name: another origin, not in CORS_ORIGINS.
    const other = await browser.newPage();
    try {
      await other.goto(`http://localhost:${frontendPort}/`);
      const outcome = await other.evaluate(
        (api) =>
          (window as any)
            .client(api)
            .queueSize()
            .then(
              () => 'allowed',
              (error: Error) => error.name,
            ),
        sys.api.url,
      );
      expect(outcome).toBe('TypeError'); // "Failed to fetch": the browser withheld the answer
    } finally {
      await other.close();
    }
  });
});
