import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickToAnswerMs,
  freePort,
  launchChromium,
  openDashboard,
  spawnApi,
  spawnWorker,
  startRedisServer,
  waitFor,
  type ApiProcess,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// The dashboard stays interactive under a burst: one batch of BURST tickets is processed
// while the page is open, and "Pop next" clicked during it answers within a second, as
// the person clicking sees it (from the click's input timestamp, which counts a busy main
// thread, to the frame that shows the popped ticket). The API and the worker run as their
// own processes, as `npm start` runs them. The issue sets the second; the figures of the
// full burst (10,000 tickets) are `npm run bench:dashboard`'s.

const BURST = 10_000;
const CLICKS = 3;
const ANSWER_WITHIN_MS = 1_000;

let redis: RedisServer;
let api: ApiProcess;
let worker: WorkerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await spawnApi(redis.url, await freePort(), { BATCH_MAX_ITEMS: String(BURST), BATCH_REQUEST_MAX_BYTES: String(16 * 1024 * 1024) });
  worker = await spawnWorker(redis.url, { WORKER_CONCURRENCY: '16' });
  browser = await launchChromium();
  page = await openDashboard(browser, api.url, { viewport: { width: 1400, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
  await worker?.kill('SIGTERM');
  await api?.kill('SIGTERM');
  await redis?.stop();
});

const get = async (path: string) => (await fetch(api.url + path)).json();
const jobsLeft = async () => {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ queueStats { waiting active } }' }) });
  const { data } = (await res.json()) as { data: { queueStats: { waiting: number; active: number } } };
  return data.queueStats.waiting + data.queueStats.active;
};

describe('the dashboard under a burst', () => {
  it(`answers "Pop next" within ${ANSWER_WITHIN_MS} ms while ${BURST} tickets are processed, and ends on the exact queue size`, async () => {
    const tickets = Array.from({ length: BURST }, (_, i) => ({
      ticket_id: `burst-${i}`,
      subject: i % 3 === 0 ? 'Checkout down for everyone' : 'Question about invoices',
      body: i % 3 === 0 ? 'Since 9am nobody can pay. Please help today!' : 'How do I download last year’s invoices? No rush.',
    }));
    const submitted = await fetch(`${api.url}/tickets/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(tickets) });
    expect(submitted.status).toBe(202);
    await waitFor(async () => (await get('/queue/size')).size > 0, { what: 'a first processed ticket' });

    const queue = page.getByRole('region', { name: 'Queue' });
    // Only clicks that start while the worker is still at it count: after it, they prove nothing.
    const answers: number[] = [];
    for (let i = 0; i < CLICKS && (await jobsLeft()) > 0; i++) {
      answers.push(await clickToAnswerMs(queue.getByRole('button', { name: 'Pop next' }), 'article[aria-label="Popped ticket"]', 30_000));
    }
    console.info(`Pop next during a burst of ${BURST}: answered in ${answers.join(', ')} ms`);
    expect(answers.length, 'clicks made during the burst').toBeGreaterThan(0);
    expect(answers.filter((ms) => ms > ANSWER_WITHIN_MS), `click answers ${answers.join(', ')} ms`).toEqual([]);

    await waitFor(async () => (await jobsLeft()) === 0, { what: 'the worker to finish', timeoutMs: 120_000 });
    const size = (await get('/queue/size')).size as number;
    expect(size).toBe(BURST - answers.length);
    const header = page.getByRole('group', { name: 'Queue size' }).locator('.stat-value');
    await waitFor(async () => Number((await header.textContent())?.replace(/\D/g, '')) === size, { what: 'the header to show the exact size' });
    await waitFor(async () => (await queue.locator('.count').textContent()) === `${size.toLocaleString('en-US')} tickets`, { what: 'the queue panel to show it' });
  });
});
