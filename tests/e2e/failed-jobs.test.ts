import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import { launchChromium, openDashboard, startApi, startRedisServer, startWorker, type Api, type RedisServer, refusingScorer } from '@iq/testkit';

// The dashboard's Failed jobs panel in Debian's Chromium, against the real API (serving
// the built dashboard), a real worker and a real redis-server: a job fails for good, its
// error shows in the panel, Retry claims its ticket again and the ticket reaches the queue.

const TIMEOUT = 20_000;

/** The lexicon scorer, refusing texts that mention "poison" until the test mends it. */
const poison = refusingScorer();

let redis: RedisServer;
let api: Api;
let worker: TicketWorker;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url, { JOB_ATTEMPTS: '1' });
  worker = await startWorker(redis.url, { LOG_LEVEL: 'silent' }, poison.scorer);
  browser = await launchChromium();
  page = await openDashboard(browser, api.url, { viewport: { width: 1280, height: 800 }, timeoutMs: TIMEOUT });
});
afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await api?.close();
  await redis?.stop();
});

const failedPanel = () => page.getByRole('region', { name: 'Failed jobs' });
const failedRows = () => failedPanel().getByRole('list', { name: 'Failed jobs' }).getByRole('listitem');
const queueRows = () => page.getByRole('region', { name: 'Queue' }).locator('tbody tr');

describe('the Failed jobs panel', () => {
  it('is one line while no job has failed', async () => {
    await expect.poll(() => failedPanel().textContent()).toContain('No failed jobs');
  });

  it('shows a job that failed for good with its error, and Retry brings its ticket to the queue', async () => {
    const res = await api.post('/tickets', { ticket_id: 'e2e-poison-1', subject: 'poison in the checkout', body: 'The checkout is broken.' });
    expect(res.status).toBe(202);

    // Pushed by ticket_failed: no reload, no polling.
    await expect.poll(() => failedRows().count()).toBe(1);
    const row = failedRows().first();
    await expect.poll(() => row.textContent()).toContain('e2e-poison-1');
    expect(await row.textContent()).toContain('poison in the checkout');
    expect(await row.textContent()).toContain('scorer refused a poisoned text');
    expect(await queueRows().count()).toBe(0);

    poison.refusing = false;
    await row.getByRole('button', { name: 'Retry e2e-poison-1' }).click();
    await expect.poll(() => failedPanel().textContent()).toContain('No failed jobs');
    await expect.poll(() => queueRows().count()).toBe(1);
    expect(await queueRows().first().textContent()).toContain('poison in the checkout');
    expect(await api.jobState(res.body.job_id)).toBe('completed');
    expect((await api.events('e2e-poison-1')).map((e) => e.type)).toEqual(['ticket_processed', 'ticket_retried', 'ticket_failed', 'ticket_accepted']);
  });
});
