import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startSystem, waitFor, type System } from '@iq/testkit';

// The dashboard, built and served by the real API at /, driven in Debian's Chromium
// against the real API, a real worker and a real redis-server.

// DASHBOARD_SCREENSHOT=docs/dashboard.png refreshes the README's picture.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = path.resolve(repoRoot, process.env.DASHBOARD_SCREENSHOT ?? '.artifacts/dashboard.png');
const TIMEOUT = 20_000;

let sys: System;
let browser: Browser;
let page: Page;
const graphqlPosts: { at: number; body: string }[] = [];

beforeAll(async () => {
  sys = await startSystem();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(TIMEOUT);
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') graphqlPosts.push({ at: Date.now(), body: request.postData() ?? '' });
  });
  await page.goto(sys.api.url);
  await waitFor(async () => (await page.getByLabel('Live feed').textContent())?.includes('connected'), { what: 'the live feed to connect' });
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const queueRows = () => page.getByRole('region', { name: 'Queue' }).locator('tbody tr');
const submitSection = () => page.getByRole('region', { name: 'Submit tickets' });
const claimedSection = () => page.getByRole('region', { name: 'Claimed' });
const claimedRows = () => claimedSection().getByRole('list', { name: 'Claimed tickets' }).getByRole('listitem');

describe('dashboard', () => {
  it('shows the header with the scorer and live stats', async () => {
    await expect.poll(() => page.locator('header').textContent()).toContain('Intelligent Queue');
    await expect.poll(() => page.getByLabel('Scorer').textContent()).toContain('lexicon');
    await expect.poll(() => page.getByLabel('Queue size').textContent()).toContain('0');
  });

  it('submits a ticket and sees it processed in the queue and in activity, without reloading', async () => {
    const form = submitSection();
    await form.getByLabel('Subject', { exact: true }).fill('Checkout is broken');
    await form.getByLabel('Body', { exact: true }).fill('This is terrible, the checkout crashes with error 500 and I am furious.');
    await form.getByLabel('Ticket ID (optional)', { exact: true }).fill('e2e-1');
    await form.getByRole('button', { name: 'Submit' }).click();

    const submitted = page.getByRole('list', { name: 'Submitted' });
    await expect.poll(() => submitted.textContent()).toContain('e2e-1');
    await expect.poll(() => submitted.textContent(), { timeout: TIMEOUT }).toContain('processed');

    await expect.poll(() => queueRows().count()).toBe(1);
    const row = queueRows().first();
    expect(await row.textContent()).toContain('Checkout is broken');
    expect(await row.textContent()).toContain('Urgent');
    const meter = row.getByRole('meter');
    const s = Number(await meter.getAttribute('aria-valuenow'));
    expect(s).toBeGreaterThan(0.5);
    expect(await row.textContent()).toContain(s.toFixed(2));

    const activity = page.getByRole('list', { name: 'Activity events' });
    await expect.poll(() => activity.textContent()).toContain('ticket_processed');
    expect(await activity.locator('li').first().textContent()).toMatch(/ticket_processed|ticket_accepted/);
  });

  it('shows a field error next to a subject over its limit and keeps the form', async () => {
    const form = submitSection();
    await form.getByLabel('Subject', { exact: true }).fill('s'.repeat(501));
    await form.getByLabel('Body', { exact: true }).fill('The body I typed must survive the error.');
    await form.getByRole('button', { name: 'Submit' }).click();
    const subject = form.getByLabel('Subject', { exact: true });
    await expect.poll(() => subject.getAttribute('aria-invalid')).toBe('true');
    const errorId = await subject.getAttribute('aria-describedby');
    expect(errorId).toBeTruthy();
    const alert = page.locator(`[id="${errorId}"]`);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect((await alert.textContent())?.toLowerCase()).toMatch(/500 characters/);
    expect(await form.getByLabel('Body', { exact: true }).inputValue()).toBe('The body I typed must survive the error.');
  });

  it('submits a batch of three', async () => {
    const form = submitSection();
    await form.getByLabel('Subject', { exact: true }).fill('Invoice question');
    await form.getByLabel('Body', { exact: true }).fill('Where can I download last month invoice? Thanks!');
    await form.getByRole('button', { name: 'Add another ticket' }).click();
    await form.getByLabel('Subject 2', { exact: true }).fill('Lawsuit incoming');
    await form.getByLabel('Body 2', { exact: true }).fill('Our attorney will contact you about the contract breach. Unacceptable.');
    await form.getByRole('button', { name: 'Add another ticket' }).click();
    await form.getByLabel('Subject 3', { exact: true }).fill('Login fails');
    await form.getByLabel('Body 3', { exact: true }).fill('I cannot log in since this morning, error on the login page.');
    await form.getByRole('button', { name: 'Submit all (3)' }).click();
    await expect.poll(() => queueRows().count(), { timeout: TIMEOUT }).toBe(4);
    const subjects = await queueRows().allTextContents();
    for (const s of ['Invoice question', 'Lawsuit incoming', 'Login fails']) expect(subjects.join('\n')).toContain(s);
    await expect.poll(() => page.getByLabel('Queue size').textContent()).toContain('4');
  });

  it('sends no queries while idle (pushed, not polled)', async () => {
    // Settled first: the last events of the previous step may still bring one refetch
    // (refetches are spaced REFETCH_MIN_INTERVAL_MS apart), which is a push, not a poll.
    await waitFor(() => Date.now() - Math.max(0, ...graphqlPosts.map((p) => p.at)) > 1_000, { what: 'the page to settle' });
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 3_000));
    expect(graphqlPosts.filter((p) => p.at >= since)).toEqual([]);
  });

  it('pops the most urgent ticket, then clears the queue after confirmation', async () => {
    const queue = page.getByRole('region', { name: 'Queue' });
    const top = await queueRows().first().textContent();
    await queue.getByRole('button', { name: 'Pop next' }).click();
    const popped = page.getByLabel('Popped ticket');
    await expect.poll(() => popped.textContent()).toBeTruthy();
    expect(top).toContain((await popped.textContent())!.match(/Checkout is broken|Lawsuit incoming|Login fails|Invoice question/)![0]);
    await expect.poll(() => queueRows().count()).toBe(3);
    await expect.poll(() => page.getByLabel('Queue size').textContent()).toContain('3');

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    // The picture shows the page from its top, wherever the clicks above scrolled it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    await queue.getByRole('button', { name: 'Clear queue' }).click();
    await queue.getByRole('button', { name: 'Confirm clear' }).click();
    await expect.poll(() => queue.textContent()).toContain('Queue is empty');
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 0, { what: 'the queue emptied' });
    await expect.poll(() => page.getByRole('list', { name: 'Activity events' }).textContent()).toContain('queue_cleared');
  });

  it('claims the next ticket from the UI, shows who holds it, and acks it', async () => {
    const form = submitSection();
    await form.getByLabel('Subject', { exact: true }).fill('Refund never arrived');
    await form.getByLabel('Body', { exact: true }).fill('I was charged twice and the refund never arrived. Please fix this.');
    await form.getByLabel('Ticket ID (optional)', { exact: true }).fill('e2e-claim');
    await form.getByRole('button', { name: 'Submit' }).click();
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 1, { what: 'e2e-claim queued' });
    await expect.poll(() => queueRows().count()).toBe(1);

    const claimed = claimedSection();
    await claimed.getByLabel('Agent name', { exact: true }).fill('e2e-agent');
    await claimed.getByRole('button', { name: 'Claim next' }).click();

    // Listed in Claimed with its holder (the agent's own), gone from the queue: events, no reload.
    await expect.poll(() => claimedRows().count()).toBe(1);
    const row = claimedRows().first();
    await expect.poll(() => row.textContent()).toContain('e2e-claim');
    expect(await row.textContent()).toContain('Refund never arrived');
    expect(await row.textContent()).toContain('by e2e-agent');
    expect(await row.textContent()).toContain('you');
    await expect.poll(() => queueRows().count()).toBe(0);
    const held = (await sys.api.get('/tickets/claimed')).body;
    expect(held).toEqual([expect.objectContaining({ ticket_id: 'e2e-claim', agent: 'e2e-agent' })]);
    // The default lease: 5 min.
    expect(Date.parse(held[0].lease_expires_at) - Date.parse(held[0].claimed_at)).toBeGreaterThan(299_000);
    expect(Date.parse(held[0].lease_expires_at) - Date.parse(held[0].claimed_at)).toBeLessThanOrEqual(300_000);

    await row.getByRole('button', { name: 'Ack e2e-claim' }).click();
    await expect.poll(() => claimed.textContent()).toContain('No claimed tickets');
    expect(await claimedRows().count()).toBe(0);
    expect((await sys.api.get('/tickets/claimed')).body).toEqual([]);
    expect((await sys.api.get('/queue/size')).body.size).toBe(0);
    await expect.poll(() => page.getByRole('list', { name: 'Activity events' }).textContent()).toContain('ticket_acked');
    // The agent name is remembered in this browser.
    expect(await page.evaluate(() => localStorage.getItem('iq.agent'))).toBe('e2e-agent');
  });
});
