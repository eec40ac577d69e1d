import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApi,
  startSystem,
  subscribeSse,
  subscribeWs,
  waitFor,
  type Api,
  type Subscription,
  type System,
} from '@iq/testkit';

let sys: System;
let api2: Api | undefined;
const subscriptions: Subscription<unknown>[] = [];

beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  for (const sub of subscriptions) sub.stop();
  await api2?.close();
  await sys?.stop();
});

const ACTIVITY = 'subscription { activity { id ts type ticketId data } }';
const QUEUE_STATS = 'subscription { queueStats { size waiting active failed } }';

interface ActivityPayload {
  activity: { id: string; ts: string; type: string; ticketId: string | null; data: Record<string, unknown> };
}
interface StatsPayload {
  queueStats: { size: number; waiting: number; active: number; failed: number };
}

const ticket = (ticketId: string) => ({
  ticketId,
  subject: 'App crashes on login',
  body: 'The app crashes with error 500 every time I log in.',
});

async function submitGql(api: Api, ticketId: string) {
  const res = await api.gql('mutation S($input: TicketInput!) { submitTicket(input: $input) { ticketId jobId duplicate } }', {
    input: ticket(ticketId),
  });
  expect(res.errors).toBeUndefined();
  return res.data.submitTicket as { ticketId: string; jobId: string; duplicate: boolean };
}

function track<S extends Subscription<any>>(sub: S): S {
  subscriptions.push(sub);
  return sub;
}

/**
 * A subscription is not necessarily attached to Redis pub/sub the moment the client
 * connects. Submit warm-up tickets until the subscriber has seen an event: from then on
 * it is live, and nothing is missed.
 */
async function makeLive(sub: Subscription<unknown>, submitVia: Api, label: string): Promise<void> {
  let n = 0;
  await waitFor(
    async () => {
      if (sub.received.length > 0) return true;
      await submitGql(submitVia, `warm-${label}-${n++}`);
      return sub.received.length > 0;
    },
    { intervalMs: 100, what: `${label} subscription to receive a first event` },
  );
}

/** Waits until the subscriber has seen both events of one ticket and returns them in arrival order. */
async function eventsOf(sub: Subscription<ActivityPayload>, ticketId: string) {
  return waitFor(
    () => {
      const mine = sub.received.map((p) => p.activity).filter((e) => e.ticketId === ticketId);
      return mine.some((e) => e.type === 'ticket_processed') ? mine : undefined;
    },
    { what: `ticket_processed of ${ticketId}` },
  );
}

/** The shared checks on one ticket's live events. */
async function expectAcceptedThenProcessed(sub: Subscription<ActivityPayload>, ticketId: string, jobId: string, readVia: Api) {
  const mine = await eventsOf(sub, ticketId);
  expect(mine.map((e) => e.type)).toEqual(['ticket_accepted', 'ticket_processed']);
  const [accepted, processed] = mine as [ActivityPayload['activity'], ActivityPayload['activity']];
  expect(accepted.data).toMatchObject({ ticket_id: ticketId, job_id: jobId });
  expect(processed.data).toMatchObject({ ticket_id: ticketId, job_id: jobId, category: 'Technical', urgency_score: expect.any(Number) });
  for (const e of mine) expect(Number.isNaN(Date.parse(e.ts))).toBe(false);
  expect(Date.parse(processed.ts)).toBeGreaterThanOrEqual(Date.parse(accepted.ts));

  // The live events are the logged ones: same ids, types and data as the activity query.
  const logged = await readVia.gql('{ activity(limit: 1000) { id ts type ticketId data } }');
  const loggedMine = logged.data.activity.filter((e: any) => e.ticketId === ticketId);
  expect(loggedMine).toEqual([processed, accepted]);
}

describe('subscription activity', () => {
  it('over SSE receives ticket_accepted then ticket_processed for a submitted ticket', async () => {
    const sub = track(await subscribeSse<ActivityPayload>(sys.api.url, ACTIVITY));
    await makeLive(sub, sys.api, 'sse');
    const { jobId } = await submitGql(sys.api, 'sub-sse-1');
    await expectAcceptedThenProcessed(sub, 'sub-sse-1', jobId, sys.api);
  });

  it('over WebSocket (graphql-ws) receives ticket_accepted then ticket_processed for a submitted ticket', async () => {
    const sub = track(await subscribeWs<ActivityPayload>(sys.api.url, ACTIVITY));
    await makeLive(sub, sys.api, 'ws');
    const { jobId } = await submitGql(sys.api, 'sub-ws-1');
    await expectAcceptedThenProcessed(sub, 'sub-ws-1', jobId, sys.api);
  });

  it('sees tickets submitted over REST, popped and cleared, with their event types', async () => {
    const sub = track(await subscribeWs<ActivityPayload>(sys.api.url, ACTIVITY));
    await makeLive(sub, sys.api, 'ws-rest');
    const rest = await sys.api.post('/tickets', { ticket_id: 'sub-rest-1', subject: 'Refund', body: 'Please refund my invoice.' });
    expect(rest.status).toBe(202);
    const mine = await eventsOf(sub, 'sub-rest-1');
    expect(mine.map((e) => e.type)).toEqual(['ticket_accepted', 'ticket_processed']);
    expect(mine[1]!.data).toMatchObject({ job_id: rest.body.job_id, category: 'Billing' });
    // Both from the stream of the billing team, where its category routed it.
    for (const e of mine) expect(e.id).toMatch(/^\d+-\d+-billing$/);

    await waitFor(async () => (await sys.api.get('/queue/size')).body.size > 0);
    const cleared = (await sys.api.gql('mutation { clearQueue }')).data.clearQueue as number;
    expect(cleared).toBeGreaterThan(0);
    // Each team's queue records its own queue_cleared, with what that team held.
    const teams: readonly string[] = sys.api.services.teams.names;
    const events = await waitFor(
      () => {
        const seen = sub.received.map((p) => p.activity).filter((e) => e.type === 'queue_cleared');
        return seen.length >= teams.length && seen;
      },
      { what: 'queue_cleared of every team' },
    );
    expect(events.map((e) => e.id.split('-').slice(2).join('-')).sort()).toEqual([...teams].sort());
    expect(events.reduce((sum, e) => sum + (e.data.cleared as number), 0)).toBe(cleared);
    for (const e of events) expect(e.ticketId).toBeNull();
  });

  it('a subscriber on a second API instance sees events of tickets submitted via the first (Redis pub/sub)', async () => {
    api2 = await startApi(sys.redis.url);
    const sub = track(await subscribeWs<ActivityPayload>(api2.url, ACTIVITY));
    // Warm-up through API #1 only: the subscriber is live once API #1's events reach API #2.
    await makeLive(sub, sys.api, 'cross');
    const { jobId } = await submitGql(sys.api, 'sub-cross-1');
    // ticket_accepted is emitted by API #1, ticket_processed by the worker: neither by API #2.
    await expectAcceptedThenProcessed(sub, 'sub-cross-1', jobId, api2);
  });

  it('over SSE on the second API instance too', async () => {
    api2 ??= await startApi(sys.redis.url);
    const sub = track(await subscribeSse<ActivityPayload>(api2.url, ACTIVITY));
    await makeLive(sub, sys.api, 'cross-sse');
    const { jobId } = await submitGql(sys.api, 'sub-cross-sse-1');
    await expectAcceptedThenProcessed(sub, 'sub-cross-sse-1', jobId, api2);
  });
});

describe('subscription queueStats', () => {
  async function settle() {
    await waitFor(async () => {
      const { queueStats } = (await sys.api.gql('{ queueStats { waiting active } }')).data;
      return queueStats.waiting === 0 && queueStats.active === 0;
    }, { what: 'the worker to drain the queue' });
  }

  it('over WebSocket: the current stats first, then new sizes as tickets are processed, popped and cleared', async () => {
    await settle();
    await sys.api.gql('mutation { clearQueue }');
    const sub = track(await subscribeWs<StatsPayload>(sys.api.url, QUEUE_STATS));
    const first = await waitFor(() => sub.received[0], { what: 'the first queueStats payload' });
    expect(first.queueStats).toEqual({ size: 0, waiting: 0, active: 0, failed: 0 });

    const last = () => sub.received.at(-1)?.queueStats;
    const batch = await sys.api.gql('mutation B($input: [TicketInput!]!) { submitBatch(input: $input) { ticketId } }', {
      input: [ticket('stats-1'), ticket('stats-2'), ticket('stats-3')],
    });
    expect(batch.errors).toBeUndefined();
    await waitFor(() => last()?.size === 3 && last()?.waiting === 0 && last()?.active === 0, { what: 'a payload with size 3' });
    expect(last()).toEqual({ size: 3, waiting: 0, active: 0, failed: 0 });
    expect(sub.received.length).toBeGreaterThan(1);
    expect(sub.received.every((p) => p.queueStats.failed === 0)).toBe(true);

    const popped = await sys.api.gql('mutation { popNext { ticketId } }');
    expect(popped.data.popNext.ticketId).toMatch(/^stats-/);
    await waitFor(() => last()?.size === 2, { what: 'a payload with size 2 after popNext' });

    expect((await sys.api.get('/tickets/next')).status).toBe(200);
    await waitFor(() => last()?.size === 1, { what: 'a payload with size 1 after a REST pop' });

    expect((await sys.api.gql('mutation { clearQueue }')).data.clearQueue).toBe(1);
    await waitFor(() => last()?.size === 0, { what: 'a payload with size 0 after clearQueue' });
    const sizes = sub.received.map((p) => p.queueStats.size);
    expect(sizes.indexOf(3)).toBeLessThan(sizes.lastIndexOf(2));
    expect(sizes.lastIndexOf(2)).toBeLessThan(sizes.lastIndexOf(1));
  });

  it('a new subscriber gets the current (non-empty) stats as its first payload', async () => {
    await settle();
    await sys.api.gql('mutation { clearQueue }');
    await submitGql(sys.api, 'stats-now-1');
    await submitGql(sys.api, 'stats-now-2');
    await waitFor(async () => (await sys.api.gql('{ queueSize }')).data.queueSize === 2, { what: '2 processed tickets' });
    const sub = track(await subscribeWs<StatsPayload>(sys.api.url, QUEUE_STATS));
    const first = await waitFor(() => sub.received[0], { what: 'the first queueStats payload' });
    expect(first.queueStats).toEqual({ size: 2, waiting: 0, active: 0, failed: 0 });
  });
});

describe('WebSocket: bad operations', () => {
  it('a malformed or over-limit operation (syntax, tokens, depth, size) gets an error; the socket and its other subscriptions stay up', async () => {
    await waitFor(async () => (await sys.api.gql('{ queueStats { waiting active } }')).data.queueStats.waiting === 0);
    const sub = track(await subscribeWs<StatsPayload>(sys.api.url, QUEUE_STATS));
    await waitFor(() => sub.received[0], { what: 'the first queueStats payload' });
    const closes: number[] = [];
    sub.client.on('closed', (event: unknown) => void closes.push((event as { code: number }).code));

    let deep = 'name';
    for (let i = 0; i < 20; i++) deep = `ofType { ${deep} }`;
    const bad = [
      ['a syntax error', 'subscription { queueStats { size }', /Syntax Error/],
      ['too many tokens', `subscription { ${Array.from({ length: 700 }, (_, i) => `a${i}: queueStats { size }`).join(' ')} }`, /token/i],
      ['too deep', `query { __type(name: "Query") { fields { type { ${deep} } } } }`, /depth/i],
      ['an unknown field', 'subscription { nope }', /nope/],
      ['a document over 100 KB', `subscription { queueStats { size } } #${'x'.repeat(100 * 1024)}`, /larger than|too large/i],
    ] as const;
    for (const [name, query, message] of bad) {
      const outcome = await new Promise<unknown>((resolve) => {
        sub.client.subscribe({ query }, { next: (value: unknown) => resolve({ next: value }), error: resolve, complete: () => resolve('complete') });
      });
      expect(Array.isArray(outcome), `${name}: ${JSON.stringify(outcome, ["code", "reason", "message"])}`).toBe(true);
      const errors = outcome as { message: string }[];
      expect(errors[0]!.message, name).toMatch(message);
      expect(JSON.stringify(errors)).not.toContain('.ts:');
    }

    const before = sub.received.length;
    await submitGql(sys.api, 'ws-still-up');
    await waitFor(() => sub.received.length > before, { what: 'a queueStats payload after the bad operations' });
    expect(closes).toEqual([]);
  });
});
