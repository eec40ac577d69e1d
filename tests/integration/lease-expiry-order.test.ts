import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { LeaseReaper, TicketLeases, createLogger, createRedis, waitForReady, type ClaimedTicket } from '@iq/core';
import { startSystem, waitFor, type System } from '@iq/testkit';

// A lease that runs out puts its ticket back at exactly its place: before every later
// arrival of equal S (FIFO), behind more urgent tickets and ahead of less urgent ones.
// A reaper per team queue runs here on its own connection (the worker may run some too).
// The tickets go to different teams (by category): their places are compared across teams.

let sys: System;
let reaperRedis: Redis;
let reapers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  sys = await startSystem();
  reaperRedis = createRedis(sys.redis.url, { name: 'test-reaper' });
  await waitForReady(reaperRedis);
  const log = createLogger({ name: 'reaper', level: 'silent', format: 'json' });
  reapers = sys.api.services.teams.all.map((t) => new LeaseReaper(new TicketLeases(reaperRedis, t.keys, sys.api.services.config.ACTIVITY_MAXLEN)).start(50, log));
});
afterAll(async () => {
  await Promise.all(reapers.map((r) => r.stop()));
  reaperRedis?.disconnect();
  await sys?.stop();
});

const TEXT = {
  high: { subject: 'Everything is broken', body: 'This is terrible, I am furious, nothing works and we lose money!' },
  mid: { subject: 'Export question', body: 'How do I export my data?' },
  low: { subject: 'Thank you', body: 'Great service, I love it, thanks a lot!' },
} as const;
type Level = keyof typeof TEXT;

/** Arrival order: the three levels interleaved, five of equal S in the middle. */
const ARRIVALS: [string, Level][] = [
  ['lo-1', 'low'],
  ['mid-1', 'mid'],
  ['hi-1', 'high'],
  ['mid-2', 'mid'],
  ['mid-3', 'mid'],
  ['hi-2', 'high'],
  ['mid-4', 'mid'],
  ['lo-2', 'low'],
  ['mid-5', 'mid'],
];

const queue = async (): Promise<{ ticket_id: string; urgency_score: number; team: string }[]> => (await sys.api.get('/queue')).body;
/** The team queue each ticket was processed into, as GET /queue said. */
const teamOf = new Map<string, string>();
/** Each ticket's score in its team's processed queue (null while it is out of it). */
const scores = (ids: string[]) => Promise.all(ids.map((id) => sys.redis.client.zscore(sys.api.services.teams.team(teamOf.get(id)!).keys.processedIndex, id)));

async function submitInOrder(arrivals: [string, Level][]): Promise<void> {
  // One batch: arrival numbers follow the request order.
  expect((await sys.api.post('/tickets/batch', arrivals.map(([id, level]) => ({ ticket_id: id, ...TEXT[level] })))).status).toBe(202);
  await waitFor(
    async () => {
      const queued = await queue();
      for (const t of queued) teamOf.set(t.ticket_id, t.team);
      const ids = queued.map((t) => t.ticket_id);
      return arrivals.every(([id]) => ids.includes(id));
    },
    { what: 'tickets processed' },
  );
}

describe('lease expiry', () => {
  it('restores the exact position: priority among unequal S, arrival order among equal S', async () => {
    await submitInOrder(ARRIVALS);
    const before = await queue();
    const order = before.map((t) => t.ticket_id);
    // The fixture is what the test says it is: three distinct S, equal within a level.
    const s = Object.fromEntries(before.map((t) => [t.ticket_id, t.urgency_score]));
    expect(s['hi-1']).toBeGreaterThan(s['mid-1']!);
    expect(s['mid-1']).toBeGreaterThan(s['lo-1']!);
    for (const [id, level] of ARRIVALS) expect(s[id]).toBe(s[`${level === 'high' ? 'hi' : level === 'mid' ? 'mid' : 'lo'}-1`]);
    expect(order).toEqual(['hi-1', 'hi-2', 'mid-1', 'mid-2', 'mid-3', 'mid-4', 'mid-5', 'lo-1', 'lo-2']);
    const exactScores = await scores(order);
    expect(exactScores).not.toContain(null);

    // Everything claimed, in pop order, by different agents; leases of 3 and 2 s so they
    // run out in an order unlike the queue's (and not before mid-6 below is in).
    const claims: ClaimedTicket[] = [];
    for (let i = 0; i < order.length; i++) {
      const res = await sys.api.post('/tickets/claim', { lease_seconds: i % 2 === 0 ? 3 : 2, agent: `agent-${i}` });
      expect(res.status).toBe(200);
      claims.push(res.body);
    }
    expect(claims.map((c) => c.ticket_id)).toEqual(order);
    expect(await queue()).toEqual([]);
    expect(await scores(order)).toEqual(order.map(() => null));

    // A later arrival of equal S takes the middle while its elders are out...
    await submitInOrder([['mid-6', 'mid']]);
    expect((await queue()).map((t) => t.ticket_id)).toEqual(['mid-6']);

    // ...and goes back behind them once their leases have run out.
    await waitFor(async () => (await sys.api.get('/tickets/claimed')).body.length === 0, { what: 'every lease to run out' });
    const after = await queue();
    const expected = [...order.slice(0, 7), 'mid-6', ...order.slice(7)];
    expect(after.map((t) => t.ticket_id)).toEqual(expected);
    expect(await scores(order)).toEqual(exactScores);
    // The tickets themselves are as they were.
    for (const t of before) expect(after.find((a) => a.ticket_id === t.ticket_id)).toEqual(t);

    // Each expiry was recorded once, for the claim that ran out.
    for (const c of claims) {
      const expired = (await sys.api.events(c.ticket_id)).filter((e) => e.type === 'claim_expired');
      expect(expired.map((e) => e.data)).toEqual([{ ticket_id: c.ticket_id, claim_id: c.claim_id, agent: c.agent }]);
    }
    // What comes out next is what came out first.
    expect((await sys.api.get('/tickets/next')).body.ticket_id).toBe('hi-1');
  });

  it('puts a ticket back before equal ones that arrived later, wherever it was in the run', async () => {
    await sys.api.del('/queue');
    await submitInOrder([
      ['eq-1', 'mid'],
      ['eq-2', 'mid'],
      ['eq-3', 'mid'],
      ['eq-4', 'mid'],
    ]);
    // Claim eq-1 and eq-2, release eq-1 (back first), let eq-2 run out: back second.
    const one = (await sys.api.post('/tickets/claim', { lease_seconds: 60 })).body as ClaimedTicket;
    const two = (await sys.api.post('/tickets/claim', { lease_seconds: 1 })).body as ClaimedTicket;
    expect([one.ticket_id, two.ticket_id]).toEqual(['eq-1', 'eq-2']);
    expect((await queue()).map((t) => t.ticket_id)).toEqual(['eq-3', 'eq-4']);
    await waitFor(async () => (await queue()).length === 3, { what: 'eq-2 to come back' });
    expect((await queue()).map((t) => t.ticket_id)).toEqual(['eq-2', 'eq-3', 'eq-4']);
    expect((await sys.api.post(`/tickets/eq-1/release`, { claim_id: one.claim_id })).status).toBe(200);
    expect((await queue()).map((t) => t.ticket_id)).toEqual(['eq-1', 'eq-2', 'eq-3', 'eq-4']);
  });
});
