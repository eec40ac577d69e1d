import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startRedisCluster, startWorker, waitFor, type Api, type RedisCluster } from '@iq/testkit';

/**
 * 2,000 tickets over 4 team queues on a real 3-master Redis Cluster, popped by 50
 * concurrent clients, each asking for its own random subset of teams: every ticket is
 * handed out exactly once, none is missing, and each client's pops are non-increasing in
 * S within every team (a pop takes its team's head as of the comparison).
 */

const TEAMS = ['billing', 'technical', 'legal', 'general'];
const TICKETS = 2_000;
const CLIENTS = 50;

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TEXTS = [
  'Could you send me a copy of my invoice?',
  'The app crashes every time, this is a disaster and we are furious!',
  'URGENT: production is down for all our users, we lose money every minute',
  'How do I change my password?',
  'Your contract terms are unacceptable, our lawyer will contact you',
  'Thanks for the quick help yesterday',
];

describe('pops across team queues on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let api: Api;
  let worker: TicketWorker;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    api = await startApi(cluster.url);
    worker = await startWorker(cluster.url, { WORKER_CONCURRENCY: '16' });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await cluster?.stop();
  });

  it('hands 2,000 tickets out exactly once to 50 clients asking for random team subsets, most urgent first per team', async () => {
    const rand = random(15);
    const tickets = Array.from({ length: TICKETS }, (_, i) => ({
      ticket_id: `T-${i}`,
      subject: `Ticket ${i}`,
      body: `${TEXTS[Math.floor(rand() * TEXTS.length)]} (${i})`,
      team: TEAMS[i % TEAMS.length],
    }));
    for (let i = 0; i < TICKETS; i += 500) {
      const answer = await api.post('/tickets/batch', tickets.slice(i, i + 500));
      expect(answer.status).toBe(202);
    }
    await waitFor(async () => (await api.get('/queue/size')).body.size === TICKETS, { what: `${TICKETS} processed tickets`, timeoutMs: 120_000 });
    const sizes = (await api.get('/queue/teams')).body.teams as { team: string; size: number }[];
    expect(sizes.map((s) => s.size)).toEqual([500, 500, 500, 500]);

    // Each client asks for a random subset that always holds "its" team, so together they empty every team.
    const subsets = Array.from({ length: CLIENTS }, (_, c) => {
      const subset = TEAMS.filter((t, i) => i === c % TEAMS.length || rand() < 0.4);
      return subset;
    });
    const popped = await Promise.all(
      subsets.map(async (subset) => {
        const got: { ticket_id: string; team: string; urgency_score: number }[] = [];
        for (;;) {
          const answer = await api.get(`/tickets/next?teams=${subset.join(',')}`);
          if (answer.status === 404) return { subset, got };
          expect(answer.status).toBe(200);
          expect(subset).toContain(answer.body.team);
          got.push(answer.body);
        }
      }),
    );

    const ids = popped.flatMap((p) => p.got.map((t) => t.ticket_id));
    expect(ids).toHaveLength(TICKETS);
    expect(new Set(ids).size).toBe(TICKETS);
    expect(new Set(ids)).toEqual(new Set(tickets.map((t) => t.ticket_id)));
    expect((await api.get('/queue/size')).body.size).toBe(0);

    for (const { got } of popped) {
      for (const team of TEAMS) {
        // The queue ranks S to four decimals (then arrival), as stored in its scores.
        const scores = got.filter((t) => t.team === team).map((t) => Math.round(t.urgency_score * 1e4));
        for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
      }
    }
    // The work really was shared: more than one client popped from each team.
    for (const team of TEAMS) expect(popped.filter((p) => p.got.some((t) => t.team === team)).length).toBeGreaterThan(1);
  }, 240_000);
});
