import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, queueScore } from '@iq/core';
import { startApi, startSystem, waitFor, type Api, type System } from '@iq/testkit';

// The queue as agents browse it (filter, search, sort, pages, counts by S, one ticket
// with its place in line) and the per-ticket actions (pop this one, remove), in REST and
// GraphQL, on a real Redis with a real worker.

let sys: System;
const KEY = { agent: 'agent-key-0123456789abcdef', submit: 'submit-key-0123456789abcdef' };
let keyed: Api;

/** Twelve tickets, set to these S (via the agents' correction) so the counts below are known. */
const SCORES: Record<string, number> = {
  'qb-01': 0.05, 'qb-02': 0.15, 'qb-03': 0.25, 'qb-04': 0.35, 'qb-05': 0.45, 'qb-06': 0.5,
  'qb-07': 0.55, 'qb-08': 0.8, 'qb-09': 0.8001, 'qb-10': 0.95, 'qb-11': 1, 'qb-12': 0.5,
};
const TICKETS = Object.keys(SCORES).map((id, i) => ({
  ticket_id: id,
  subject: i % 3 === 0 ? `Invoice question ${i}` : `Login broken ${i}`,
  body: i === 4 ? 'The Kubernetes cluster is DOWN for everyone' : 'Please have a look when you can.',
  customer_id: `C-${100 + i}`,
}));

beforeAll(async () => {
  sys = await startSystem();
  keyed = await startApi(sys.redis.url, { API_KEYS: `agent:${KEY.agent},submit:${KEY.submit}` });
  expect((await sys.api.post('/tickets/batch', TICKETS)).status).toBe(202);
  await waitFor(async () => (await sys.api.get('/queue/size')).body.size === TICKETS.length, { what: 'all tickets processed' });
  for (const [id, s] of Object.entries(SCORES)) {
    expect((await sys.api.post(`/tickets/${id}/urgency`, { urgency_score: s })).status).toBe(200);
  }
});
afterAll(async () => {
  await keyed?.close();
  await sys?.stop();
});

const ids = (tickets: { ticket_id: string }[]) => tickets.map((t) => t.ticket_id);
const get = (path: string) => fetch(sys.api.url + path);

describe('browsing the queue', () => {
  it('lists in pop order by default, and pages with the totals in headers', async () => {
    const all = (await sys.api.get('/queue')).body as { ticket_id: string; urgency_score: number }[];
    const byScore = Object.entries(SCORES).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([id]) => id);
    expect(ids(all)).toEqual(byScore);
    const res = await get('/queue?limit=5&offset=5');
    expect(res.headers.get('x-total-count')).toBe('12');
    expect(res.headers.get('x-queue-size')).toBe('12');
    expect(ids((await res.json()) as { ticket_id: string }[])).toEqual(byScore.slice(5, 10));
  });

  it('filters by category and by text (id, subject, body, customer; ASCII case-insensitive), with the matching count', async () => {
    const billing = await get('/queue?category=Billing');
    const billingTickets = (await billing.json()) as { ticket_id: string; category: string; team: string }[];
    expect(billingTickets.length).toBeGreaterThan(0);
    expect(billingTickets.every((t) => t.category === 'Billing')).toBe(true);
    // Routed by category: they wait in the billing team's queue.
    expect(billingTickets.every((t) => t.team === 'billing')).toBe(true);
    expect(billing.headers.get('x-total-count')).toBe(String(billingTickets.length));
    expect(billing.headers.get('x-queue-size')).toBe('12');

    expect(ids((await sys.api.get('/queue?search=kubernetes')).body)).toEqual(['qb-05']);
    expect(ids((await sys.api.get('/queue?search=c-107')).body)).toEqual(['qb-08']);
    expect(ids((await sys.api.get('/queue?search=QB-1')).body).sort()).toEqual(['qb-10', 'qb-11', 'qb-12']);
    const page = await get('/queue?search=login&limit=2&offset=1');
    expect(page.headers.get('x-total-count')).toBe('8');
    const logins = ids((await sys.api.get('/queue?search=login')).body);
    expect(ids((await page.json()) as { ticket_id: string }[])).toEqual(logins.slice(1, 3));
    expect((await sys.api.get('/queue?search=nothing-like-this')).body).toEqual([]);
  });

  it('sorts by arrival, oldest or newest first', async () => {
    expect(ids((await sys.api.get('/queue?sort=oldest')).body)).toEqual(Object.keys(SCORES));
    expect(ids((await sys.api.get('/queue?sort=newest&limit=3')).body)).toEqual(['qb-12', 'qb-11', 'qb-10']);
    expect(ids((await sys.api.get('/queue?sort=oldest&search=login&limit=2')).body)).toEqual(['qb-02', 'qb-03']);
  });

  it('counts by S in Redis: ten bins, urgent, above a threshold', async () => {
    const { body } = await sys.api.get('/queue/summary?high=0.8');
    expect(body).toEqual({ size: 12, bins: [1, 1, 1, 1, 1, 3, 0, 0, 2, 2], urgent: 7, high: 3 });
    expect((await sys.api.get('/queue/summary')).body.high).toBeNull();
  });

  it('shows one ticket with its place in line', async () => {
    const { status, body } = await sys.api.get('/queue/tickets/qb-08');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ticket_id: 'qb-08', urgency_score: 0.8, position: 4 });
    expect((await sys.api.get('/queue/tickets/nobody')).status).toBe(404);
  });

  it('refuses bad views naming the field', async () => {
    const bad = await sys.api.get('/queue?category=Sales');
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['query', 'category']);
    const long = await sys.api.get(`/queue?search=${'x'.repeat(201)}`);
    expect(long.status).toBe(422);
    expect(long.body.detail[0].loc).toEqual(['query', 'search']);
    expect((await sys.api.get('/queue?sort=random')).body.detail[0].loc).toEqual(['query', 'sort']);
  });

  it('answers the same in GraphQL', async () => {
    const { data, errors } = await sys.api.gql(`{
      queuePage(category: GENERAL, search: "login", sort: NEWEST, limit: 2) { size matching tickets { ticketId category } }
      queuedTicket(ticketId: "qb-11") { position ticket { ticketId urgencyScore } }
      missing: queuedTicket(ticketId: "nobody") { position }
      queueSummary(highAbove: 0.8) { size bins urgent high }
    }`);
    expect(errors).toBeUndefined();
    const rest = (await sys.api.get('/queue?category=General&search=login&sort=newest')).body as { ticket_id: string }[];
    expect(data.queuePage).toMatchObject({ size: 12, matching: rest.length });
    expect(data.queuePage.tickets.map((t: { ticketId: string }) => t.ticketId)).toEqual(ids(rest).slice(0, 2));
    expect(data.queuedTicket).toEqual({ position: 1, ticket: { ticketId: 'qb-11', urgencyScore: 1 } });
    expect(data.missing).toBeNull();
    expect(data.queueSummary).toEqual({ size: 12, bins: [1, 1, 1, 1, 1, 3, 0, 0, 2, 2], urgent: 7, high: 3 });
    const bad = await sys.api.gql('{ queuePage(search: "' + 'y'.repeat(201) + '") { size } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('search');
  });
});

describe('acting on one ticket', () => {
  it('pops a ticket from the middle of the line, once, and records ticket_popped (picked)', async () => {
    const results = await Promise.all([1, 2, 3].map(() => sys.api.post('/queue/tickets/qb-04/pop', undefined)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404]);
    expect(results.find((r) => r.status === 200)!.body).toMatchObject({ ticket_id: 'qb-04', urgency_score: 0.35 });
    expect((await sys.api.get('/queue/tickets/qb-04')).status).toBe(404);
    expect((await sys.api.get('/queue/size')).body.size).toBe(11);
    const events = await sys.api.events('qb-04');
    expect(events[0]).toMatchObject({ type: 'ticket_popped', data: { ticket_id: 'qb-04', urgency_score: 0.35, picked: true } });
  });

  it('removes a ticket, records ticket_removed, and frees its id for a new submission', async () => {
    const removed = await sys.api.del('/queue/tickets/qb-02');
    expect(removed.status).toBe(200);
    expect(removed.body.ticket_id).toBe('qb-02');
    expect((await sys.api.del('/queue/tickets/qb-02')).status).toBe(404);
    expect((await sys.api.get('/queue/tickets/qb-02')).status).toBe(404);
    expect((await sys.api.events('qb-02'))[0]).toMatchObject({ type: 'ticket_removed', data: { ticket_id: 'qb-02', urgency_score: 0.15 } });
    const again = await sys.api.post('/tickets', TICKETS[1]);
    expect(again.body.duplicate).toBe(false);
    await waitFor(async () => (await sys.api.get('/queue/tickets/qb-02')).status === 200, { what: 'the re-submitted ticket processed' });
  });

  it('re-queues with another score, which moves its place in line', async () => {
    const before = (await sys.api.get('/queue/tickets/qb-01')).body.position;
    expect((await sys.api.post('/tickets/qb-01/urgency', { urgency_score: 0.99, reason: 'VIP' })).status).toBe(200);
    expect((await sys.api.get('/queue/tickets/qb-01')).body.position).toBeLessThan(before);
    expect((await sys.api.get('/queue/tickets/qb-01')).body.position).toBe(2);
  });

  it('pops and removes in GraphQL too (null when not queued)', async () => {
    const { data, errors } = await sys.api.gql(`mutation {
      picked: popTicket(ticketId: "qb-07") { ticketId urgencyScore }
      removed: removeTicket(ticketId: "qb-09") { ticketId }
      gone: removeTicket(ticketId: "qb-09") { ticketId }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ picked: { ticketId: 'qb-07', urgencyScore: 0.55 }, removed: { ticketId: 'qb-09' }, gone: null });
    expect((await sys.api.events('qb-09'))[0]?.type).toBe('ticket_removed');
  });

  it('needs an agent key: a submitter may neither read, pop nor remove', async () => {
    const as = (key: string, method: string, path: string) => fetch(keyed.url + path, { method, headers: { authorization: `Bearer ${key}` } });
    expect((await as(KEY.submit, 'DELETE', '/queue/tickets/qb-10')).status).toBe(403);
    expect((await as(KEY.submit, 'POST', '/queue/tickets/qb-10/pop')).status).toBe(403);
    expect((await as(KEY.submit, 'GET', '/queue/tickets/qb-10')).status).toBe(403);
    expect((await as(KEY.agent, 'GET', '/queue/tickets/qb-10')).status).toBe(200);
    expect((await as(KEY.agent, 'DELETE', '/queue/tickets/qb-10')).status).toBe(200);
  });
});

describe('a long page', () => {
  it('reads 9,000 tickets in one page, in pop order and by age (no Lua stack overflow)', async () => {
    const big = await startApi(sys.redis.url, { QUEUE_PREFIX: 'big', QUEUE_LIST_MAX: '100000' });
    try {
      // All in one team's queue: the page across teams reads 9,000 from it and merges.
      const keys = createKeys('big', 'general');
      const pipeline = sys.redis.client.pipeline();
      for (let i = 1; i <= 9_000; i++) {
        const ticket = { ...TICKETS[0], ticket_id: `big-${i}`, job_id: `big-${i}~${i}`, category: 'General', team: 'general', urgency_score: 0.5 };
        pipeline.zadd(keys.processedIndex, queueScore(0.5, i), ticket.ticket_id).hset(keys.processedTickets, ticket.ticket_id, JSON.stringify(ticket));
      }
      await pipeline.exec();
      const urgency = await big.get('/queue?limit=9000');
      expect(urgency.status).toBe(200);
      expect(urgency.body).toHaveLength(9_000);
      expect(urgency.body[0].ticket_id).toBe('big-1');
      const newest = await big.get('/queue?limit=9000&sort=newest');
      expect(newest.body).toHaveLength(9_000);
      expect(newest.body[0].ticket_id).toBe('big-9000');
    } finally {
      await big.close();
    }
  });
});
