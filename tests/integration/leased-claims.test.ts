import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import {
  LEASE_CONFLICTS,
  LeaseReaper,
  TicketLeases,
  createLogger,
  createRedis,
  waitForReady,
  type ClaimedTicket,
} from '@iq/core';
import { startSystem, subscribeWs, waitFor, type Subscription, type System } from '@iq/testkit';

// Leased claims over REST and GraphQL against a real API, worker and redis-server. The
// worker may or may not run its own reapers: this file runs one more per team queue (on
// its own connection, every 50 ms), so expiry does not wait for the worker's interval.

let sys: System;
let reaperRedis: Redis;
let reapers: { stop(): Promise<void> }[] = [];
/** Each team's leases as the API has them, on a connection of their own, for steps at a chosen time. */
let teamLeases: Map<string, TicketLeases>;
/** The team the tests that step leases themselves pin their tickets to. */
const PINNED = 'general';
let leases: TicketLeases;

beforeAll(async () => {
  sys = await startSystem();
  reaperRedis = createRedis(sys.redis.url, { name: 'test-reaper' });
  await waitForReady(reaperRedis);
  const { teams, config } = sys.api.services;
  teamLeases = new Map(teams.all.map((t) => [t.name, new TicketLeases(reaperRedis, t.keys, config.ACTIVITY_MAXLEN)]));
  leases = teamLeases.get(PINNED)!;
  const log = createLogger({ name: 'reaper', level: 'silent', format: 'json' });
  reapers = [...teamLeases.values()].map((l) => new LeaseReaper(l).start(50, log));
});
afterAll(async () => {
  await Promise.all(reapers.map((r) => r.stop()));
  reaperRedis?.disconnect();
  await sys?.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const OTHER_CLAIM = '00000000-0000-4000-8000-000000000000';

const claim = (body?: unknown) => sys.api.post('/tickets/claim', body);
const settle = (ticketId: string, what: 'ack' | 'release' | 'extend', body: unknown) =>
  sys.api.post(`/tickets/${encodeURIComponent(ticketId)}/${what}`, body);
const queueIds = async (): Promise<string[]> => ((await sys.api.get('/queue')).body as any[]).map((t) => t.ticket_id);
const claimedList = async () => sys.api.get('/tickets/claimed');

/** Submits tickets in this order (their arrival order) and waits until all are in the processed queue. */
async function submitProcessed(tickets: { ticket_id: string; subject: string; body: string }[]): Promise<void> {
  expect((await sys.api.post('/tickets/batch', tickets)).status).toBe(202);
  await waitFor(
    async () => {
      const ids = await queueIds();
      return tickets.every((t) => ids.includes(t.ticket_id));
    },
    { what: 'tickets processed' },
  );
}

const ticket = (id: string, tone: 'calm' | 'angry' = 'calm') =>
  tone === 'angry'
    ? { ticket_id: id, subject: 'Everything is broken', body: 'This is terrible, I am furious, nothing works and we lose money!' }
    : { ticket_id: id, subject: 'Export question', body: 'How do I export my data?' };
/** A ticket in the team whose leases `leases` steps. */
const pinned = (id: string) => ({ ...ticket(id), team: PINNED });
/** A queued ticket's score, in its own team's processed queue. */
const scoreOf = async (ticketId: string) => {
  const found = await sys.api.services.tickets.find(ticketId);
  return found && sys.redis.client.zscore(sys.api.services.teams.team(found.team).keys.processedIndex, ticketId);
};

/** Every claim ended and the queue empty, so each test claims what it submitted. */
beforeEach(async () => {
  for (const c of (await claimedList()).body as ClaimedTicket[]) await settle(c.ticket_id, 'release', { claim_id: c.claim_id });
  await sys.api.del('/queue');
});

describe('POST /tickets/claim', () => {
  it('answers 404 {"detail": "No tickets in queue"} when the queue is empty, with or without a body', async () => {
    expect(await claim()).toEqual({ status: 404, body: { detail: 'No tickets in queue' } });
    expect(await claim({ lease_seconds: 30, agent: 'ana' })).toEqual({ status: 404, body: { detail: 'No tickets in queue' } });
  });

  it('moves the most urgent ticket to the claimed set with a lease, and lists it', async () => {
    await submitProcessed([ticket('lc-calm'), ticket('lc-angry', 'angry')]);
    const queued = ((await sys.api.get('/queue')).body as any[]).find((t) => t.ticket_id === 'lc-angry');
    const before = Date.now();
    const res = await claim({ lease_seconds: 120, agent: 'ana' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...queued,
      claim_id: expect.stringMatching(UUID),
      agent: 'ana',
      claimed_at: expect.any(String),
      lease_expires_at: expect.any(String),
    });
    const expires = Date.parse(res.body.lease_expires_at);
    expect(expires - Date.parse(res.body.claimed_at)).toBe(120_000);
    expect(expires).toBeGreaterThanOrEqual(before + 120_000);

    // Out of the queue (not popped, not peeked), in the claimed list.
    expect(await queueIds()).toEqual(['lc-calm']);
    expect((await sys.api.get('/tickets/peek')).body.ticket_id).toBe('lc-calm');
    const listed = await claimedList();
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([res.body]);
    expect((await fetch(`${sys.api.url}/tickets/claimed`)).headers.get('x-total-count')).toBe('1');

    const [event] = await sys.api.events('lc-angry');
    expect(event).toMatchObject({
      type: 'ticket_claimed',
      data: { ticket_id: 'lc-angry', claim_id: res.body.claim_id, agent: 'ana', urgency_score: queued.urgency_score, lease_expires_at: res.body.lease_expires_at },
    });
  });

  it('leases for 300 s to nobody in particular by default', async () => {
    await submitProcessed([ticket('lc-default')]);
    const res = await claim();
    expect(res.status).toBe(200);
    expect(res.body.agent).toBeNull();
    expect(Date.parse(res.body.lease_expires_at) - Date.parse(res.body.claimed_at)).toBe(300_000);
  });

  it.each<[string, unknown, string, string]>([
    ['lease_seconds 0', { lease_seconds: 0 }, 'lease_seconds', 'greater_than_equal'],
    ['lease_seconds 86401', { lease_seconds: 86_401 }, 'lease_seconds', 'less_than_equal'],
    ['lease_seconds 2.5', { lease_seconds: 2.5 }, 'lease_seconds', 'int_parsing'],
    ['lease_seconds "60"', { lease_seconds: '60' }, 'lease_seconds', 'int_parsing'],
    ['an agent of 129 characters', { agent: 'a'.repeat(129) }, 'agent', 'string_too_long'],
    ['an agent with a newline', { agent: 'ana\nbob' }, 'agent', 'value_error'],
  ])('answers 422 naming the field for %s, and claims nothing', async (_name, body, field, type) => {
    await submitProcessed([ticket('lc-422')]);
    const res = await claim(body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ type, loc: ['body', field] })]);
    expect(await queueIds()).toEqual(['lc-422']);
  });
});

describe('ack, release, extend', () => {
  it('ack finishes the ticket: its id stays taken while claimed and is freed by the ack', async () => {
    await submitProcessed([ticket('lc-ack')]);
    const claimed = (await claim({ agent: 'bo' })).body as ClaimedTicket;

    const resubmitted = await sys.api.post('/tickets', ticket('lc-ack', 'angry'));
    expect(resubmitted.body).toMatchObject({ ticket_id: 'lc-ack', job_id: claimed.job_id, duplicate: true });

    const acked = await settle('lc-ack', 'ack', { claim_id: claimed.claim_id });
    expect(acked).toEqual({ status: 200, body: claimed });
    expect((await claimedList()).body).toEqual([]);
    expect(await queueIds()).toEqual([]);
    expect((await sys.api.events('lc-ack'))[0]).toMatchObject({ type: 'ticket_acked', data: { ticket_id: 'lc-ack', claim_id: claimed.claim_id, agent: 'bo' } });

    // Acked once: every later use of the claim id says so.
    for (const what of ['ack', 'release', 'extend'] as const) {
      expect(await settle('lc-ack', what, { claim_id: claimed.claim_id })).toEqual({ status: 409, body: { detail: LEASE_CONFLICTS.acked } });
    }

    const again = await sys.api.post('/tickets', ticket('lc-ack'));
    expect(again.body).toMatchObject({ ticket_id: 'lc-ack', duplicate: false });
    expect(again.body.job_id).not.toBe(claimed.job_id);
  });

  it('release puts the ticket back at exactly its place (same score), with ticket_released', async () => {
    await submitProcessed([ticket('lc-r1'), ticket('lc-r2'), ticket('lc-r3'), ticket('lc-r4', 'angry')]);
    const order = await queueIds();
    const scores = await Promise.all(order.map(scoreOf));
    expect(scores.every((score) => score !== null)).toBe(true);
    expect(order).toEqual(['lc-r4', 'lc-r1', 'lc-r2', 'lc-r3']);

    const first = (await claim()).body as ClaimedTicket;
    const second = (await claim()).body as ClaimedTicket;
    expect([first.ticket_id, second.ticket_id]).toEqual(['lc-r4', 'lc-r1']);
    // Released in the other order: each goes back to its own place, not to the end.
    expect((await settle('lc-r1', 'release', { claim_id: second.claim_id })).status).toBe(200);
    expect((await settle('lc-r4', 'release', { claim_id: first.claim_id })).body).toEqual(first);

    expect(await queueIds()).toEqual(order);
    expect(await Promise.all(order.map(scoreOf))).toEqual(scores);
    expect((await sys.api.events('lc-r4'))[0]).toMatchObject({ type: 'ticket_released', data: { ticket_id: 'lc-r4', claim_id: first.claim_id, agent: null } });

    for (const what of ['ack', 'release', 'extend'] as const) {
      expect(await settle('lc-r4', what, { claim_id: first.claim_id })).toEqual({ status: 409, body: { detail: LEASE_CONFLICTS.released } });
    }
    // Claimed again, by someone else: the old claim id is still "released", the new one holds it.
    const third = (await claim({ agent: 'cy' })).body as ClaimedTicket;
    expect(third.ticket_id).toBe('lc-r4');
    expect(await settle('lc-r4', 'ack', { claim_id: first.claim_id })).toEqual({ status: 409, body: { detail: LEASE_CONFLICTS.released } });
    expect((await settle('lc-r4', 'ack', { claim_id: third.claim_id })).status).toBe(200);
  });

  it('extend moves the deadline (from now), with lease_extended', async () => {
    await submitProcessed([ticket('lc-ext')]);
    const claimed = (await claim({ lease_seconds: 10, agent: 'di' })).body as ClaimedTicket;
    const before = Date.now();
    const extended = await settle('lc-ext', 'extend', { claim_id: claimed.claim_id, lease_seconds: 3600 });
    expect(extended.status).toBe(200);
    expect(extended.body).toEqual({ ...claimed, lease_expires_at: expect.any(String) });
    expect(Date.parse(extended.body.lease_expires_at)).toBeGreaterThanOrEqual(before + 3_600_000);
    expect((await claimedList()).body).toEqual([extended.body]);
    expect((await sys.api.events('lc-ext'))[0]).toMatchObject({
      type: 'lease_extended',
      data: { ticket_id: 'lc-ext', claim_id: claimed.claim_id, agent: 'di', lease_expires_at: extended.body.lease_expires_at },
    });
    // lease_seconds defaults to 300.
    const byDefault = await settle('lc-ext', 'extend', { claim_id: claimed.claim_id });
    expect(Date.parse(byDefault.body.lease_expires_at)).toBeLessThan(Date.parse(extended.body.lease_expires_at));
    expect((await settle('lc-ext', 'ack', { claim_id: claimed.claim_id })).status).toBe(200);
  });

  it('answers 409 "wrong" for a claim id that is not the ticket\'s, and changes nothing', async () => {
    await submitProcessed([ticket('lc-w1'), ticket('lc-w2')]);
    const one = (await claim()).body as ClaimedTicket;
    const two = (await claim()).body as ClaimedTicket;
    const wrong = { status: 409, body: { detail: LEASE_CONFLICTS.wrong } };
    for (const what of ['ack', 'release', 'extend'] as const) {
      expect(await settle(one.ticket_id, what, { claim_id: OTHER_CLAIM })).toEqual(wrong);
      expect(await settle(one.ticket_id, what, { claim_id: two.claim_id })).toEqual(wrong);
      expect(await settle('no-such-ticket', what, { claim_id: one.claim_id })).toEqual(wrong);
    }
    expect(((await claimedList()).body as ClaimedTicket[]).map((c) => c.claim_id).sort()).toEqual([one.claim_id, two.claim_id].sort());
  });

  it('answers 409 "expired" once the lease ran out: the ticket is back in the queue, with claim_expired', async () => {
    await submitProcessed([ticket('lc-exp')]);
    const claimed = (await claim({ lease_seconds: 1, agent: 'ed' })).body as ClaimedTicket;
    await waitFor(() => Date.now() > Date.parse(claimed.lease_expires_at), { what: 'the lease to run out' });
    for (const what of ['extend', 'ack', 'release'] as const) {
      expect(await settle('lc-exp', what, { claim_id: claimed.claim_id })).toEqual({ status: 409, body: { detail: LEASE_CONFLICTS.expired } });
    }
    expect(await queueIds()).toEqual(['lc-exp']);
    expect((await claimedList()).body).toEqual([]);
    const expired = (await sys.api.events('lc-exp')).filter((e) => e.type === 'claim_expired');
    expect(expired).toEqual([expect.objectContaining({ data: { ticket_id: 'lc-exp', claim_id: claimed.claim_id, agent: 'ed' } })]);
  });

  it('expires a lease past its deadline when its claim is touched, before any reaper comes by', async () => {
    await submitProcessed([pinned('lc-touch')]);
    const now = Date.now();
    // 60 s from now by the real clock (the reapers leave it alone); acked 61 s later by the claim's.
    const claimed = (await leases.claimNext({ lease_seconds: 60, agent: null }, now))!;
    expect(claimed.ticket_id).toBe('lc-touch');
    await expect(leases.ack('lc-touch', claimed.claim_id, now + 61_000)).rejects.toMatchObject({ reason: 'expired', detail: LEASE_CONFLICTS.expired });
    expect(await queueIds()).toEqual(['lc-touch']);
    await expect(leases.ack('lc-touch', claimed.claim_id, now)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('expires each lease once when two reapers run at the same moment', async () => {
    await submitProcessed(Array.from({ length: 30 }, (_, i) => pinned(`lc-two-${i}`)));
    const now = Date.now();
    for (let i = 0; i < 30; i++) await leases.claimNext({ lease_seconds: 60, agent: null }, now);
    const other = createRedis(sys.redis.url, { name: 'test-reaper-2' });
    try {
      const second = new TicketLeases(other, sys.api.services.teams.team(PINNED).keys, sys.api.services.config.ACTIVITY_MAXLEN);
      const [a, b] = await Promise.all([leases.reapExpired(now + 61_000, 7), second.reapExpired(now + 61_000, 7)]);
      const rest = await Promise.all([leases.reapExpired(now + 61_000, 100), second.reapExpired(now + 61_000, 100)]);
      const all = [...a, ...b, ...rest.flat()];
      expect(all.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `lc-two-${i}`).sort());
    } finally {
      other.disconnect();
    }
    expect((await queueIds()).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `lc-two-${i}`).sort());
    // One claim_expired per ticket.
    const expired = (await sys.api.services.views.recentActivity(1000)).filter((e) => e.type === 'claim_expired' && String(e.data.ticket_id).startsWith('lc-two-'));
    expect(expired).toHaveLength(30);
  });

  it.each<[string, unknown, string, string]>([
    ['no claim_id', {}, 'claim_id', 'missing'],
    ['a claim_id that is not a UUID', { claim_id: 'abc' }, 'claim_id', 'string_pattern_mismatch'],
    ['a numeric claim_id', { claim_id: 42 }, 'claim_id', 'string_type'],
  ])('answers 422 for %s', async (_name, body, field, type) => {
    for (const what of ['ack', 'release', 'extend'] as const) {
      const res = await settle('lc-any', what, body);
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([expect.objectContaining({ type, loc: ['body', field] })]);
    }
  });

  it('answers 422 for an extend beyond a day', async () => {
    const res = await settle('lc-any', 'extend', { claim_id: OTHER_CLAIM, lease_seconds: 86_401 });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ type: 'less_than_equal', loc: ['body', 'lease_seconds'] })]);
  });
});

describe('routes beside the original ones', () => {
  it('addresses tickets named "claim", "claimed", "next" or "FE 5/é🙂" under /tickets/{ticket_id}/…', async () => {
    const ids = ['claim', 'claimed', 'next', 'FE 5/é🙂'];
    await submitProcessed(ids.map((id) => ticket(id)));
    for (const id of ids) {
      const c = (await claim({ agent: 'Zoë 🙂' })).body as ClaimedTicket;
      expect(c.ticket_id).toBe(id);
      expect((await settle(c.ticket_id, 'extend', { claim_id: c.claim_id })).status).toBe(200);
      expect((await settle(c.ticket_id, 'ack', { claim_id: c.claim_id })).body).toMatchObject({ ticket_id: id, agent: 'Zoë 🙂' });
      expect((await sys.api.events(id))[0]).toMatchObject({ type: 'ticket_acked', data: { ticket_id: id, agent: 'Zoë 🙂' } });
    }
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const paths = Object.keys((await sys.api.get('/openapi.json')).body.paths);
    for (const path of ['/tickets/claim', '/tickets/claimed', '/tickets/{ticket_id}/ack', '/tickets/{ticket_id}/release', '/tickets/{ticket_id}/extend', '/tickets/next']) {
      expect(paths).toContain(path);
    }
  });

  it('keeps GET /tickets/next: it pops queued tickets, never claimed ones', async () => {
    await submitProcessed([ticket('lc-pop-1', 'angry'), ticket('lc-pop-2')]);
    const claimed = (await claim()).body as ClaimedTicket;
    expect(claimed.ticket_id).toBe('lc-pop-1');
    expect((await sys.api.get('/tickets/next')).body.ticket_id).toBe('lc-pop-2');
    expect(await sys.api.get('/tickets/next')).toEqual({ status: 404, body: { detail: 'No tickets in queue' } });
    // DELETE /queue empties the queue; claimed tickets are the agents' until acked or released.
    expect((await sys.api.del('/queue')).body.cleared).toBe(0);
    expect((await settle('lc-pop-1', 'ack', { claim_id: claimed.claim_id })).status).toBe(200);
  });

  it('answers 405 for other methods on the new paths', async () => {
    const get = await fetch(`${sys.api.url}/tickets/claim`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await sys.api.post('/tickets/claimed', {})).status).toBe(405);
    expect((await sys.api.get('/tickets/x/ack')).status).toBe(405);
  });

  it('pages GET /tickets/claimed soonest deadline first, with the total in X-Total-Count', async () => {
    await submitProcessed([ticket('lc-p1'), ticket('lc-p2'), ticket('lc-p3')]);
    const long = (await claim({ lease_seconds: 900 })).body as ClaimedTicket;
    const short = (await claim({ lease_seconds: 60 })).body as ClaimedTicket;
    const middle = (await claim({ lease_seconds: 300 })).body as ClaimedTicket;
    expect(((await claimedList()).body as ClaimedTicket[]).map((c) => c.claim_id)).toEqual([short, middle, long].map((c) => c.claim_id));
    const page = await fetch(`${sys.api.url}/tickets/claimed?limit=1&offset=1`);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect(((await page.json()) as ClaimedTicket[]).map((c) => c.claim_id)).toEqual([middle.claim_id]);
    expect((await sys.api.get('/tickets/claimed?limit=0')).status).toBe(422);
  });
});

describe('GraphQL', () => {
  const CLAIM = `mutation($lease: Int, $agent: String) {
    claimNext(leaseSeconds: $lease, agent: $agent) { claimId ticketId agent claimedAt leaseExpiresAt ticket { ticketId jobId urgencyScore } }
  }`;
  const SETTLE = (field: 'ackTicket' | 'releaseTicket') => `mutation($t: ID!, $c: ID!) { ${field}(ticketId: $t, claimId: $c) { claimId ticketId leaseExpiresAt } }`;
  const EXTEND = 'mutation($t: ID!, $c: ID!, $s: Int) { extendLease(ticketId: $t, claimId: $c, leaseSeconds: $s) { claimId leaseExpiresAt } }';

  it('claimNext is null on an empty queue', async () => {
    expect(await sys.api.gql(CLAIM)).toEqual({ data: { claimNext: null } });
  });

  it('claims, lists, extends, releases and acks like REST', async () => {
    await submitProcessed([ticket('lc-gql', 'angry'), ticket('lc-gql-2')]);
    const res = await sys.api.gql(CLAIM, { lease: 120, agent: 'fay' });
    expect(res.errors).toBeUndefined();
    const c = res.data.claimNext;
    expect(c).toEqual({
      claimId: expect.stringMatching(UUID),
      ticketId: 'lc-gql',
      agent: 'fay',
      claimedAt: expect.any(String),
      leaseExpiresAt: expect.any(String),
      ticket: { ticketId: 'lc-gql', jobId: expect.any(String), urgencyScore: expect.any(Number) },
    });
    expect(Date.parse(c.leaseExpiresAt) - Date.parse(c.claimedAt)).toBe(120_000);

    const listed = await sys.api.gql('{ claimed { claimId ticketId agent leaseExpiresAt ticket { subject } } }');
    expect(listed.data.claimed).toEqual([{ claimId: c.claimId, ticketId: 'lc-gql', agent: 'fay', leaseExpiresAt: c.leaseExpiresAt, ticket: { subject: ticket('x', 'angry').subject } }]);

    const extended = await sys.api.gql(EXTEND, { t: 'lc-gql', c: c.claimId, s: 600 });
    expect(Date.parse(extended.data.extendLease.leaseExpiresAt)).toBeGreaterThan(Date.parse(c.leaseExpiresAt));

    const released = await sys.api.gql(SETTLE('releaseTicket'), { t: 'lc-gql', c: c.claimId });
    expect(released.data.releaseTicket).toEqual({ claimId: c.claimId, ticketId: 'lc-gql', leaseExpiresAt: extended.data.extendLease.leaseExpiresAt });
    expect((await queueIds())[0]).toBe('lc-gql');

    const again = (await sys.api.gql(CLAIM)).data.claimNext;
    expect(again.ticketId).toBe('lc-gql');
    expect((await sys.api.gql(SETTLE('ackTicket'), { t: 'lc-gql', c: again.claimId })).data.ackTicket.claimId).toBe(again.claimId);
  });

  it('answers CONFLICT with the reason for a wrong, released or acked claim id', async () => {
    await submitProcessed([ticket('lc-gql-c')]);
    const c = (await sys.api.gql(CLAIM)).data.claimNext;
    const conflict = async (query: string, variables: Record<string, unknown>) => {
      const res = await sys.api.gql(query, variables);
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      return { code: res.errors![0].extensions.code, reason: res.errors![0].extensions.reason, message: res.errors![0].message };
    };
    expect(await conflict(SETTLE('ackTicket'), { t: 'lc-gql-c', c: OTHER_CLAIM })).toEqual({ code: 'CONFLICT', reason: 'wrong', message: LEASE_CONFLICTS.wrong });
    expect((await sys.api.gql(SETTLE('releaseTicket'), { t: 'lc-gql-c', c: c.claimId })).errors).toBeUndefined();
    expect(await conflict(EXTEND, { t: 'lc-gql-c', c: c.claimId })).toEqual({ code: 'CONFLICT', reason: 'released', message: LEASE_CONFLICTS.released });
    const d = (await sys.api.gql(CLAIM)).data.claimNext;
    expect((await sys.api.gql(SETTLE('ackTicket'), { t: 'lc-gql-c', c: d.claimId })).errors).toBeUndefined();
    expect(await conflict(SETTLE('ackTicket'), { t: 'lc-gql-c', c: d.claimId })).toEqual({ code: 'CONFLICT', reason: 'acked', message: LEASE_CONFLICTS.acked });
  });

  it('answers BAD_USER_INPUT naming the argument', async () => {
    const bad = async (query: string, variables: Record<string, unknown>) => {
      const res = await sys.api.gql(query, variables);
      return [res.errors![0].extensions.code, res.errors![0].message];
    };
    expect(await bad(CLAIM, { lease: 0 })).toEqual(['BAD_USER_INPUT', expect.stringContaining('leaseSeconds')]);
    expect(await bad(CLAIM, { agent: 'x'.repeat(129) })).toEqual(['BAD_USER_INPUT', expect.stringContaining('agent')]);
    expect(await bad(SETTLE('ackTicket'), { t: 'x', c: 'not-a-uuid' })).toEqual(['BAD_USER_INPUT', expect.stringContaining('claimId')]);
    expect(await bad(EXTEND, { t: 'x', c: OTHER_CLAIM, s: 86_401 })).toEqual(['BAD_USER_INPUT', expect.stringContaining('leaseSeconds')]);
  });

  it('counts claimed against the records one operation may read', async () => {
    const res = await sys.api.gql('{ a: claimed(limit: 1000) { claimId } b: claimed(limit: 1000) { claimId } c: claimed(limit: 1) { claimId } }');
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('2001');
  });
});

describe('Subscription.activity', () => {
  let sub: Subscription<{ activity: { type: string; ticketId: string; data: any } }> | undefined;
  afterAll(() => sub?.stop());

  it('carries every claim event, each valid against the contract', async () => {
    sub = await subscribeWs(sys.api.url, 'subscription { activity { type ticketId data } }');
    // Live once it has seen an event of ours.
    let n = 0;
    await waitFor(
      async () => {
        if (sub!.received.length > 0) return true;
        await sys.api.post('/tickets', ticket(`lc-warm-${n++}`));
        return false;
      },
      { intervalMs: 100, what: 'the subscription to go live' },
    );
    await sys.api.del('/queue');
    await submitProcessed([ticket('lc-live')]);
    const a = (await claim({ agent: 'gus', lease_seconds: 1 })).body as ClaimedTicket;
    await waitFor(async () => (await queueIds()).includes('lc-live'), { what: 'the lease to expire' });
    const b = (await claim({ agent: 'gus' })).body as ClaimedTicket;
    await settle('lc-live', 'extend', { claim_id: b.claim_id });
    await settle('lc-live', 'release', { claim_id: b.claim_id });
    const c = (await claim({ agent: 'hal' })).body as ClaimedTicket;
    await settle('lc-live', 'ack', { claim_id: c.claim_id });

    const seen = await waitFor(
      () => {
        const mine = sub!.received.map((p) => p.activity).filter((e) => e.ticketId === 'lc-live');
        return mine.some((e) => e.type === 'ticket_acked') && mine;
      },
      { what: 'ticket_acked of lc-live' },
    );
    expect(seen.map((e) => [e.type, e.data.claim_id ?? null])).toEqual([
      ['ticket_accepted', null],
      ['ticket_processed', null],
      ['ticket_claimed', a.claim_id],
      ['claim_expired', a.claim_id],
      ['ticket_claimed', b.claim_id],
      ['lease_extended', b.claim_id],
      ['ticket_released', b.claim_id],
      ['ticket_claimed', c.claim_id],
      ['ticket_acked', c.claim_id],
    ]);
  });
});

describe('ended claims', () => {
  it('are remembered in one bounded sorted set beside the leases of each team', async () => {
    const { teams } = sys.api.services;
    const ended = await Promise.all(teams.all.map((t) => sys.redis.client.zcard(t.keys.endedClaims)));
    expect(ended.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await sys.redis.client.zcard(teams.shared.endedClaims)).toBe(0);
    const held = await Promise.all(teams.names.map((team) => sys.redis.client.hlen(`{iq:${team}}:leases`)));
    expect(held.reduce((a, b) => a + b, 0)).toBe((await claimedList()).body.length);
  });
});
