import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Redis, Cluster } from 'ioredis';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startRedisCluster, startRedisServer, startWorker, subscribeWs, waitFor, type Api } from '@iq/testkit';

/**
 * Team queues, end to end on real parts, against one redis-server and against a real
 * 3-master Redis Cluster: the same cases on both (submit, process, pop, claim, activity,
 * subscriptions, duplicates across teams), and on the cluster where each team's keys are.
 */

const TEAMS = ['billing', 'technical', 'legal', 'general'] as const;

interface Backend {
  url: string;
  client: Redis | Cluster;
  cluster: boolean;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const BACKENDS: [string, () => Promise<Backend>][] = [
  [
    'one redis-server',
    async () => {
      const r = await startRedisServer();
      return { url: r.url, client: r.client, cluster: false, flush: async () => void (await r.client.flushall()), stop: () => r.stop() };
    },
  ],
  [
    'a 3-master Redis Cluster',
    async () => {
      const c = await startRedisCluster();
      return { url: c.url, client: c.client, cluster: true, flush: () => c.flush(), stop: () => c.stop() };
    },
  ],
];

describe.each(BACKENDS)('team queues on %s', (_name, start) => {
  let backend: Backend;
  let api: Api;
  let worker: TicketWorker;

  beforeAll(async () => {
    backend = await start();
    api = await startApi(backend.url);
    worker = await startWorker(backend.url);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await backend?.stop();
  });

  beforeEach(async () => {
    await api.del('/queue');
  });

  const processed = async (count: number) =>
    waitFor(async () => (await api.get('/queue/size')).body.size === count, { what: `${count} processed tickets`, timeoutMs: 30_000 });

  it('routes by category unless the ticket names its team, and counts each team', async () => {
    const submitted = await api.post('/tickets/batch', [
      { ticket_id: 'R-1', subject: 'Refund', body: 'I was charged twice on my invoice, please refund the payment' },
      { ticket_id: 'R-2', subject: 'Crash', body: 'The app crashes with an error every time I log in' },
      { ticket_id: 'R-3', subject: 'Hello', body: 'Just a question about your opening hours', team: 'legal' },
    ]);
    expect(submitted.status).toBe(202);
    await processed(3);
    const teams = (await api.get('/queue/teams')).body;
    expect(Object.fromEntries(teams.teams.map((t: { team: string; size: number }) => [t.team, t.size]))).toEqual({ billing: 1, technical: 1, legal: 1, general: 0 });
    expect(teams.size).toBe(3);
    const byId = Object.fromEntries((await api.get('/queue')).body.map((t: { ticket_id: string; team: string }) => [t.ticket_id, t.team]));
    expect(byId).toEqual({ 'R-1': 'billing', 'R-2': 'technical', 'R-3': 'legal' });
    expect((await api.get('/queue/size?team=legal')).body).toEqual({ size: 1 });
    expect((await api.get('/queue?team=billing')).body.map((t: { ticket_id: string }) => t.ticket_id)).toEqual(['R-1']);
  });

  it('refuses an unknown team by naming the field, and accepts nothing of that batch', async () => {
    const batch = await api.post('/tickets/batch', [
      { ticket_id: 'U-1', subject: 'a', body: 'b' },
      { ticket_id: 'U-2', subject: 'a', body: 'b', team: 'sales' },
    ]);
    expect(batch.status).toBe(422);
    expect(batch.body.detail[0].loc).toEqual(['body', 1, 'team']);
    expect((await api.get('/jobs/U-1~1')).status).toBe(404);
    const pop = await api.get('/tickets/next?teams=billing,sales');
    expect(pop.status).toBe(422);
    expect(pop.body.detail[0].loc).toEqual(['query', 'teams']);
    const gql = await api.gql('mutation { popNext(teams: ["nope"]) { ticketId } }');
    expect(gql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pops the most urgent among the teams asked for, by S then arrival across teams', async () => {
    await api.post('/tickets/batch', [
      { ticket_id: 'P-calm-billing', subject: 'Invoice copy', body: 'Could you send me a copy of my invoice?', team: 'billing' },
      { ticket_id: 'P-angry-legal', subject: 'URGENT lawsuit', body: 'This is a disaster, we are furious and will sue you immediately!', team: 'legal' },
      { ticket_id: 'P-calm-tech', subject: 'Question', body: 'How do I change my password?', team: 'technical' },
    ]);
    await processed(3);
    const all = (await api.get('/queue')).body as { ticket_id: string; urgency_score: number }[];
    const s = Object.fromEntries(all.map((t) => [t.ticket_id, t.urgency_score]));
    expect(s['P-angry-legal']).toBeGreaterThan(s['P-calm-billing']!);

    // Only billing and technical: the angry legal ticket is not theirs.
    const first = await api.get('/tickets/next?teams=billing,technical');
    expect(first.status).toBe(200);
    expect(['P-calm-billing', 'P-calm-tech']).toContain(first.body.ticket_id);
    const expectedFirst = s['P-calm-billing']! > s['P-calm-tech']! ? 'P-calm-billing' : s['P-calm-billing']! < s['P-calm-tech']! ? 'P-calm-tech' : 'P-calm-billing';
    expect(first.body.ticket_id).toBe(expectedFirst);
    // Every team: the most urgent left.
    expect((await api.gql('{ peek { ticketId team } }')).data.peek).toEqual({ ticketId: 'P-angry-legal', team: 'legal' });
    const popped = await api.gql('mutation { popNext { ticketId team } }');
    expect(popped.data.popNext).toEqual({ ticketId: 'P-angry-legal', team: 'legal' });
    expect((await api.get('/tickets/next?teams=legal')).status).toBe(404);
    expect((await api.get('/queue/size')).body.size).toBe(1);
  });

  it('claims across teams, and the id is free again after the ack', async () => {
    await api.post('/tickets', { ticket_id: 'C-1', subject: 'Refund', body: 'Refund my payment please', team: 'billing' });
    await processed(1);
    expect((await api.post('/tickets/claim?teams=legal', {})).status).toBe(404);
    const claim = await api.post('/tickets/claim?teams=legal,billing', { agent: 'ana' });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ ticket_id: 'C-1', team: 'billing', agent: 'ana' });
    // Taken: a resubmission, routed anywhere, is a duplicate until the ack.
    const again = await api.post('/tickets', { ticket_id: 'C-1', subject: 'x', body: 'y', team: 'general' });
    expect(again.body).toMatchObject({ duplicate: true, job_id: claim.body.job_id });
    expect((await api.get('/tickets/claimed')).body.map((c: { ticket_id: string }) => c.ticket_id)).toEqual(['C-1']);
    const acked = await api.post('/tickets/C-1/ack', { claim_id: claim.body.claim_id });
    expect(acked.status).toBe(200);
    const fresh = await api.post('/tickets', { ticket_id: 'C-1', subject: 'x', body: 'y', team: 'general' });
    expect(fresh.body.duplicate).toBe(false);
    await processed(1);
    expect((await api.get('/queue')).body[0]).toMatchObject({ ticket_id: 'C-1', team: 'general' });
  });

  it('detects a duplicate ticket id whichever team a resubmission is routed to', async () => {
    const first = await api.post('/tickets', { ticket_id: 'D-1', subject: 'Refund', body: 'Refund me', team: 'billing' });
    const second = await api.post('/tickets', { ticket_id: 'D-1', subject: 'Other', body: 'Other text', team: 'legal' });
    const third = await api.post('/tickets/batch', [{ ticket_id: 'D-1', subject: 'x', body: 'y' }, { ticket_id: 'D-2', subject: 'x', body: 'y', team: 'legal' }]);
    expect(first.body.duplicate).toBe(false);
    expect(second.body).toMatchObject({ duplicate: true, job_id: first.body.job_id });
    expect(third.body.accepted[0]).toMatchObject({ duplicate: true, job_id: first.body.job_id });
    expect(third.body.accepted[1].duplicate).toBe(false);
    await processed(2);
    const queued = (await api.get('/queue')).body as { ticket_id: string; team: string; subject: string }[];
    expect(queued.find((t) => t.ticket_id === 'D-1')).toMatchObject({ team: 'billing', subject: 'Refund' });
    // Popped: the id is free, and a new submission goes where it is routed.
    expect((await api.post('/queue/tickets/D-1/pop', {})).status).toBe(200);
    const later = await api.post('/tickets', { ticket_id: 'D-1', subject: 'Later', body: 'Later', team: 'legal' });
    expect(later.body.duplicate).toBe(false);
    expect(later.body.job_id).not.toBe(first.body.job_id);
    await waitFor(async () => (await api.get('/queue/size?team=legal')).body.size === 2, { what: 'D-1 in legal', timeoutMs: 30_000 });
  });

  it('takes over the id of a submission that reserved a team and stalled, and fences that team against its late claim', async () => {
    const { teams, tickets } = api.services;
    const ticket = { ticket_id: 'F-1', subject: 'Slow', body: 'A submission that stalls', customer_id: undefined, channel: undefined, team: undefined };
    // A submission reserved F-1 for billing, then stalled before claiming it there.
    const [stalled] = await teams.owners.reserve([{ ticketId: 'F-1', team: 'billing' }]);
    const record = await backend.client.hget(teams.shared.claimOwners, 'F-1');
    expect(record).toMatch(new RegExp(`^billing\\|${stalled!.seq}\\|\\d+$`));
    // Long enough that its record looks stale (as after a crash): legal takes the id over.
    await backend.client.hset(teams.shared.claimOwners, 'F-1', record!.replace(/\d+$/, '1'));
    const [legal] = await tickets.claim([{ ticket, team: 'legal' }]);
    expect(legal).toMatchObject({ team: 'legal', duplicate: false });
    // The stalled submission wakes up: billing refuses its claim, whose seq is below the fence…
    expect(await teams.team('billing').store.claim([{ ticket, seq: stalled!.seq }])).toEqual([{ ticketId: 'F-1', fenced: true }]);
    // …and going round again it finds legal's claim: one live claim, whichever team asks.
    const [again] = await tickets.claim([{ ticket, team: 'billing' }]);
    expect(again).toMatchObject({ team: 'legal', duplicate: true, jobId: legal!.jobId });
    expect(await backend.client.hget(teams.team('billing').keys.claims, 'F-1')).toBeNull();
  });

  it('merges the teams’ activity streams for history and delivers every team’s events live', async () => {
    const live = await subscribeWs(api.url, 'subscription { activity { id type ticketId } }');
    try {
      await api.post('/tickets/batch', [
        { ticket_id: 'A-1', subject: 'a', body: 'b', team: 'billing' },
        { ticket_id: 'A-2', subject: 'a', body: 'b', team: 'technical' },
      ]);
      await processed(2);
      await waitFor(async () => live.received.filter((e) => e.activity.type === 'ticket_processed').length >= 2, { what: 'live processed events' });
      const liveIds = live.received.map((e) => e.activity as { id: string; type: string; ticketId: string });
      expect(liveIds.find((e) => e.ticketId === 'A-1' && e.type === 'ticket_processed')?.id).toMatch(/^\d+-\d+-billing$/);
      expect(liveIds.find((e) => e.ticketId === 'A-2' && e.type === 'ticket_processed')?.id).toMatch(/^\d+-\d+-technical$/);
      const history = (await api.get('/activity?limit=200')).body.events as { id: string; type: string; data: { ticket_id?: string } }[];
      for (const e of liveIds.filter((x) => x.ticketId === 'A-1' || x.ticketId === 'A-2')) expect(history.map((h) => h.id)).toContain(e.id);
      // Oldest first across both streams.
      const times = history.map((h) => Number(h.id.split('-')[0]));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    } finally {
      live.stop();
    }
  });

  it('keeps each team in its own hash slot', async () => {
    await api.post('/tickets/batch', TEAMS.map((team) => ({ ticket_id: `K-${team}`, subject: 'a', body: 'b', team })));
    await processed(TEAMS.length);
    const keys = TEAMS.map((team) => `{iq:${team}}:processed`);
    for (const key of keys) expect(await backend.client.zcard(key)).toBe(1);
    if (!backend.cluster) return;
    const slots = await Promise.all([...keys, '{iq}:claims:owners'].map((key) => backend.client.call('CLUSTER', 'KEYSLOT', key)));
    expect(new Set(slots).size).toBe(keys.length + 1);
    const masters = (backend.client as Cluster).nodes('master');
    // A master counts keys only in the slots it serves (the others answer 0).
    const holders = await Promise.all(
      slots.slice(0, keys.length).map(async (slot) => (await Promise.all(masters.map((m) => m.call('CLUSTER', 'COUNTKEYSINSLOT', String(slot))))).findIndex((n) => Number(n) > 0)),
    );
    // Each key lives on exactly one master, and the teams are not all on one.
    expect(holders.every((h) => h >= 0)).toBe(true);
    expect(new Set(holders).size).toBeGreaterThan(1);
  });
});
