import type { Browser, Page } from 'playwright-core';
import type { TicketWorker } from '@iq/worker/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openDashboard, startSystem, startWorker, waitFor, type System } from '@iq/testkit';

// Team queues in the dashboard, in Debian's Chromium against the real API, worker and
// redis-server (TEAM_QUEUES at its default: billing, technical, legal, general). The worker
// serves every team but legal, so legal's tickets wait and the header says so, until a
// second worker serving legal starts. Each ticket names its team, so routing does not
// depend on how the scorer categorises its text.

const TIMEOUT = 20_000;
let sys: System;
let legalWorker: TicketWorker | undefined;
let browser: Browser;
let page: Page;

const ticket = (team: string, n: number, subject: string, body: string) => ({ ticket_id: `tq-${team}-${n}`, subject, body, team });
const TICKETS = [
  ticket('billing', 1, 'Charged twice, refund now', 'URGENT: I was charged twice, this is unacceptable, refund immediately!'),
  ticket('billing', 2, 'Invoice address', 'Could you change the address on my invoice? No rush.'),
  ticket('billing', 3, 'Receipt copy', 'Please send a copy of last month receipt when you can.'),
  ticket('billing', 4, 'Card expired', 'My card expired, how do I update it?'),
  ticket('technical', 1, 'Checkout down', 'Since 9am nobody can pay, error 500, urgent!'),
  ticket('technical', 2, 'Dark mode', 'Is there a dark mode? Just curious.'),
  ticket('technical', 3, 'Export slow', 'The export takes a while, fine for now.'),
  ticket('general', 1, 'Thanks', 'Thanks for the help yesterday.'),
  ticket('general', 2, 'Opening hours', 'When is support open on weekends?'),
  ticket('legal', 1, 'GDPR request', 'Please delete all my personal data under GDPR.'),
  ticket('legal', 2, 'Contract terms', 'Question about clause 4 of our contract.'),
];
const SERVED = TICKETS.filter((t) => t.team !== 'legal').length;

beforeAll(async () => {
  sys = await startSystem({ workerEnv: { WORKER_TEAMS: 'billing,technical,general' } });
  expect((await sys.api.post('/tickets/batch', TICKETS)).status).toBe(202);
  await waitFor(async () => (await sys.api.get('/queue/size')).body.size === SERVED, { what: 'every served team’s ticket processed' });
  browser = await launchChromium();
  page = await openDashboard(browser, sys.api.url, { viewport: { width: 1280, height: 900 }, timeoutMs: TIMEOUT });
});
afterAll(async () => {
  await browser?.close();
  await legalWorker?.close();
  await sys?.stop();
});

const queue = () => page.getByRole('region', { name: 'Queue' });
const chips = () => queue().getByRole('list', { name: 'Tickets per team' }).getByRole('button');
const chipTexts = async () => (await chips().allTextContents()).map((t) => t.trim());
const rows = () => queue().locator('tbody tr:not(.spacer)');
const teamCells = async () => (await queue().locator('tbody .team-badge').allTextContents()).map((t) => t.trim());
const count = () => queue().locator('.count').textContent();
const teamSelect = () => queue().getByRole('combobox', { name: 'Team' });

describe('team queues in the dashboard', () => {
  it("shows each team's count, the teams to choose from, and the team no worker serves", async () => {
    await expect.poll(chipTexts).toEqual(['billing 4', 'technical 3', 'legal 0', 'general 2']);
    // Legal's tickets are jobs waiting for a worker.
    expect(await chips().nth(2).getAttribute('title')).toContain('2 waiting');
    expect(await teamSelect().locator('option').allTextContents()).toEqual(['All teams', 'billing', 'technical', 'legal', 'general']);
    await expect.poll(() => page.getByRole('group', { name: 'Unserved teams' }).textContent()).toContain('No worker for legal');
    await expect.poll(count).toBe(`${SERVED} tickets`);
    await expect.poll(async () => new Set(await teamCells())).toEqual(new Set(['billing', 'technical', 'general']));
  });

  it("filters the queue and the urgency picture by team, and pops that team's most urgent ticket", async () => {
    await teamSelect().selectOption('billing');
    await expect.poll(teamCells).toEqual(['billing', 'billing', 'billing', 'billing']);
    await expect.poll(count).toBe('4 tickets in billing');
    await expect.poll(() => page.getByRole('region', { name: 'Urgency picture' }).textContent()).toContain('S of the 4 queued tickets in billing');

    const head = (await sys.api.gql('{ peek(teams: ["billing"]) { ticketId team } }')).data.peek;
    expect(head.team).toBe('billing');
    const overall = (await sys.api.gql('{ peek { ticketId } }')).data.peek.ticketId;
    await queue().getByRole('button', { name: 'Pop next' }).click();
    const popped = queue().getByRole('article', { name: 'Popped ticket' });
    await expect.poll(() => popped.textContent()).toContain(head.ticketId);
    expect(await popped.textContent()).toContain('billing');
    // The chip follows the pop's activity event; the other teams' queues are as they were.
    await expect.poll(chipTexts).toEqual(['billing 3', 'technical 3', 'legal 0', 'general 2']);
    await expect.poll(() => rows().count()).toBe(3);
    expect((await sys.api.get('/queue/size?team=billing')).body.size).toBe(3);
    if (overall !== head.ticketId) expect((await sys.api.gql(`{ queuedTicket(ticketId: "${overall}") { position } }`)).data.queuedTicket).not.toBeNull();
  });

  it("shows a ticket's team and its place in that team's queue in its details", async () => {
    await rows().first().locator('button.subject').click();
    const drawer = page.locator('section.ticket-drawer');
    await expect.poll(() => drawer.textContent()).toMatch(/#\d+ in line · #1 in billing/);
    expect(await drawer.locator('dt:has-text("Team") + dd').textContent()).toBe('billing');
    await drawer.getByRole('button', { name: 'Close' }).click();
  });

  it('chooses a team by its chip, and goes back to every team', async () => {
    await queue().getByRole('button', { name: 'technical 3' }).click();
    await expect.poll(teamCells).toEqual(['technical', 'technical', 'technical']);
    expect(await teamSelect().inputValue()).toBe('technical');
    await teamSelect().selectOption('');
    await expect.poll(count).toBe(`${SERVED - 1} tickets`);
    await expect.poll(() => rows().count()).toBe(SERVED - 1);
  });

  it('once a worker serves legal, its tickets arrive and the warning goes, without a reload', async () => {
    legalWorker = await startWorker(sys.redis.url, { WORKER_TEAMS: 'legal' });
    await expect.poll(chipTexts, { timeout: TIMEOUT }).toEqual(['billing 3', 'technical 3', 'legal 2', 'general 2']);
    await expect.poll(() => page.getByRole('group', { name: 'Unserved teams' }).count(), { timeout: TIMEOUT }).toBe(0);
    await expect.poll(count).toBe(`${SERVED + 1} tickets`);
  });
});
