import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openDashboard, startSystem, waitFor, type System } from '@iq/testkit';

// The queue as an agent works it in the dashboard, in Debian's Chromium against the real
// API, worker and redis-server: search, category filter, order, pages, a ticket's details
// with its place in line, and remove, re-queue with another S, pop this one.

const TIMEOUT = 20_000;
let sys: System;
let browser: Browser;
let page: Page;

const TICKETS = [
  ...Array.from({ length: 55 }, (_, i) => ({ ticket_id: `qa-${String(i).padStart(2, '0')}`, subject: `How do I export report ${i}?`, body: 'No rush, whenever you can.' })),
  { ticket_id: 'qa-refund', subject: 'Refund for a double charge', body: 'I was charged twice for my invoice, please refund.', customer_id: 'ACME-7' },
  { ticket_id: 'qa-outage', subject: 'Checkout down for everyone', body: 'Since 9am nobody can pay, error 500, urgent!' },
];

beforeAll(async () => {
  sys = await startSystem();
  expect((await sys.api.post('/tickets/batch', TICKETS)).status).toBe(202);
  await waitFor(async () => (await sys.api.get('/queue/size')).body.size === TICKETS.length, { what: 'every ticket processed' });
  browser = await launchChromium();
  page = await openDashboard(browser, sys.api.url, { viewport: { width: 1280, height: 900 }, timeoutMs: TIMEOUT });
});
afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const queue = () => page.getByRole('region', { name: 'Queue' });
const rows = () => queue().locator('tbody tr:not(.spacer)');
const rowIds = async () => (await queue().locator('tbody .ticket-id').allTextContents()).map((t) => t.trim());
const drawer = (ticketId: string) => page.getByRole('region', { name: `Ticket ${ticketId}` });

describe('the queue in the dashboard', () => {
  it('shows the exact size and pages through the queue', async () => {
    await expect.poll(() => queue().locator('.count').textContent()).toBe('57 tickets');
    const pager = queue().getByRole('navigation', { name: 'Queue pages' });
    await expect.poll(() => pager.textContent()).toContain('1–50 of 57');
    await pager.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => pager.textContent()).toContain('51–57 of 57');
    await expect.poll(() => rows().count()).toBe(7);
    await pager.getByRole('button', { name: 'Previous' }).click();
    await expect.poll(() => pager.textContent()).toContain('1–50 of 57');
  });

  it('searches by text and by customer, and filters by category', async () => {
    const search = queue().getByRole('searchbox', { name: 'Search tickets' });
    await search.fill('REFUND');
    await expect.poll(rowIds).toEqual(['qa-refund']);
    await expect.poll(() => queue().locator('.count').textContent()).toBe('1 of 57 tickets match');
    await search.fill('acme-7');
    await expect.poll(rowIds).toEqual(['qa-refund']);
    await search.fill('qa-outage');
    await expect.poll(rowIds).toEqual(['qa-outage']);
    await search.fill('');
    await expect.poll(() => rows().count()).toBeGreaterThan(1);

    const category = queue().getByRole('combobox', { name: 'Category' });
    const billing = (await sys.api.get('/queue?category=Billing')).body.map((t: { ticket_id: string }) => t.ticket_id);
    expect(billing).toContain('qa-refund');
    await category.selectOption('BILLING');
    await expect.poll(rowIds).toEqual(billing);
    await category.selectOption('');
  });

  it('sorts by age', async () => {
    const order = queue().getByRole('combobox', { name: 'Order' });
    await order.selectOption('NEWEST');
    await expect.poll(async () => (await rowIds()).slice(0, 2)).toEqual(['qa-outage', 'qa-refund']);
    await order.selectOption('OLDEST');
    await expect.poll(async () => (await rowIds()).slice(0, 2)).toEqual(['qa-00', 'qa-01']);
    await order.selectOption('URGENCY');
    await expect.poll(async () => (await rowIds())[0]).toBe((await sys.api.get('/tickets/peek')).body.ticket_id);
  });

  it("opens a ticket's details with its place in line, and re-queues it with another S", async () => {
    await queue().getByRole('searchbox', { name: 'Search tickets' }).fill('refund');
    await expect.poll(rowIds).toEqual(['qa-refund']);
    await rows().first().getByRole('button', { name: 'Refund for a double charge' }).click();
    const details = drawer('qa-refund');
    const position = (await sys.api.get('/queue/tickets/qa-refund')).body.position;
    await expect.poll(() => details.textContent()).toContain(`#${position} in line`);
    expect(await details.textContent()).toContain('I was charged twice for my invoice, please refund.');
    expect(await details.textContent()).toContain('ACME-7');

    const form = details.getByRole('form', { name: 'Re-queue with another score' });
    await form.getByLabel('New S').fill('1');
    await form.getByLabel('Reason').fill('customer is a hospital');
    await form.getByRole('button', { name: 'Re-queue' }).click();
    await expect.poll(() => details.textContent()).toContain('#1 in line');
    expect((await sys.api.get('/queue/tickets/qa-refund')).body).toMatchObject({ urgency_score: 1, position: 1 });
    await queue().getByRole('searchbox', { name: 'Search tickets' }).fill('');
    await expect.poll(async () => (await rowIds())[0]).toBe('qa-refund');
    await details.getByRole('button', { name: 'Close' }).click();
  });

  it('removes a ticket after confirmation: gone from the list, the count and the API', async () => {
    await queue().getByRole('searchbox', { name: 'Search tickets' }).fill('qa-03');
    await expect.poll(rowIds).toEqual(['qa-03']);
    await rows().first().getByRole('button').first().click();
    const details = drawer('qa-03');
    await details.getByRole('button', { name: 'Remove' }).click();
    await details.getByRole('button', { name: 'Confirm remove' }).click();
    await expect.poll(() => queue().getByRole('status').first().textContent()).toContain('Removed qa-03.');
    await expect.poll(() => queue().locator('.count').textContent()).toBe('0 of 56 tickets match');
    await queue().getByRole('searchbox', { name: 'Search tickets' }).fill('');
    await expect.poll(() => queue().locator('.count').textContent()).toBe('56 tickets');
    expect((await sys.api.get('/queue/tickets/qa-03')).status).toBe(404);
    expect((await sys.api.events('qa-03'))[0]?.type).toBe('ticket_removed');
  });

  it('pops the ticket it shows, wherever it is in line', async () => {
    await queue().getByRole('searchbox', { name: 'Search tickets' }).fill('qa-42');
    await expect.poll(rowIds).toEqual(['qa-42']);
    await rows().first().getByRole('button').first().click();
    await drawer('qa-42').getByRole('button', { name: 'Pop this ticket' }).click();
    const popped = queue().getByRole('article', { name: 'Popped ticket' });
    await expect.poll(() => popped.textContent()).toContain('How do I export report 42?');
    await expect.poll(() => queue().locator('.empty').textContent()).toBe('No ticket matches');
    expect((await sys.api.events('qa-42'))[0]).toMatchObject({ type: 'ticket_popped', data: { picked: true } });
    expect((await sys.api.get('/queue/size')).body.size).toBe(55);
  });
});
