import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { TRIAGE_QUEUE, createKeys, queueScore } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer } from '@iq/testkit';

/**
 * Upgrading under a queue: what the single-queue versions left under `{iq}` (queued and
 * leased tickets, jobs not processed yet, agents' corrections) is moved into the team
 * queues when a worker of this version starts, and nothing is lost.
 */

const old = createKeys('iq');
const stored = (id: string, category: string, seq: number, s: number) => ({
  ticket_id: id,
  job_id: `${id}~${seq}`,
  subject: `${category} ticket`,
  body: 'Stored by the previous version',
  customer_id: null,
  channel: null,
  category,
  urgency_score: s,
  is_urgent: s >= 0.5,
  priority_score: Math.min(10, Math.round(s * 10)),
  model: 'vader-lexicon',
  urgency_explanation: '',
  urgency_override: null,
  created_at: '2026-12-01T10:00:00.000Z',
  processed_at: '2026-12-01T10:00:01.000Z',
});

describe('upgrading from the single queue', () => {
  let redis: RedisServer;
  let api: Api;
  let worker: TicketWorker;

  beforeAll(async () => {
    redis = await startRedisServer();
    const r = redis.client;
    await r.set(old.seq, 10);
    // Two queued tickets, a leased one, and their claims, as the previous version kept them.
    for (const [ticket, seq] of [
      [stored('OLD-bill', 'Billing', 1, 0.4), 1],
      [stored('OLD-legal', 'Legal', 2, 0.9), 2],
    ] as const) {
      await r.hset(old.processedTickets, ticket.ticket_id, JSON.stringify(ticket));
      await r.hset(old.claims, ticket.ticket_id, ticket.job_id);
      await r.zadd(old.processedIndex, queueScore(ticket.urgency_score, seq), ticket.ticket_id);
    }
    const held = stored('OLD-held', 'Technical', 3, 0.7);
    const lease = { claim_id: '4f9c1e0a-8d1b-4c57-9a53-0b6a4b0e2f11', agent: 'ana', claimed_at: '2026-12-01T10:05:00.000Z', lease_expires_at: new Date(Date.now() + 600_000).toISOString(), score: String(queueScore(0.7, 3)) };
    await r.hset(old.processedTickets, 'OLD-held', JSON.stringify(held));
    await r.hset(old.claims, 'OLD-held', held.job_id);
    await r.hset(old.leases, 'OLD-held', JSON.stringify(lease));
    await r.zadd(old.claimed, Date.now() + 600_000, 'OLD-held');
    // A job not processed yet, its content stored with its claim, and a correction.
    const previous = new Queue(TRIAGE_QUEUE, { connection: r.duplicate({ maxRetriesPerRequest: null }), prefix: old.bullPrefix });
    try {
      await r.hset(old.claims, 'OLD-wait', 'OLD-wait~4');
      await r.hset(old.payloads, 'OLD-wait~4', JSON.stringify({ ticket: { ticket_id: 'OLD-wait', subject: 'Refund', body: 'I was charged twice, refund my invoice' }, seq: 4, created_at: '2026-12-01T10:06:00.000Z' }));
      await r.zadd(old.pending, Date.now(), 'OLD-wait~4');
      await previous.add('triage', { ticket_id: 'OLD-wait' }, { jobId: 'OLD-wait~4' });
    } finally {
      await previous.close();
    }
    await r.hset(old.overrides, 'OLD-x', JSON.stringify({ ticket_id: 'OLD-x', subject: 'Contract', body: 'Our lawyer', category: 'Legal', urgency_score: 0.9 }));

    api = await startApi(redis.url);
    worker = await startWorker(redis.url);
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await redis?.stop();
  });

  it('moves queued tickets into their teams, in the same order, and keeps their ids taken', async () => {
    const queue = (await api.get('/queue')).body as { ticket_id: string; team: string }[];
    expect(queue.filter((t) => t.ticket_id.startsWith('OLD-') && t.ticket_id !== 'OLD-wait').map((t) => [t.ticket_id, t.team])).toEqual([
      ['OLD-legal', 'legal'],
      ['OLD-bill', 'billing'],
    ]);
    const again = await api.post('/tickets', { ticket_id: 'OLD-bill', subject: 'x', body: 'y', team: 'general' });
    expect(again.body).toMatchObject({ duplicate: true, job_id: 'OLD-bill~1' });
  });

  it('keeps a leased ticket under its lease, so its agent can ack it', async () => {
    const claimed = (await api.get('/tickets/claimed')).body as { ticket_id: string; team: string; agent: string }[];
    expect(claimed).toEqual([expect.objectContaining({ ticket_id: 'OLD-held', team: 'technical', agent: 'ana' })]);
    const ack = await api.post('/tickets/OLD-held/ack', { claim_id: '4f9c1e0a-8d1b-4c57-9a53-0b6a4b0e2f11' });
    expect(ack.status).toBe(200);
  });

  it('processes a job the previous version enqueued, in its team, under the same job id', async () => {
    await waitFor(async () => (await api.jobState('OLD-wait~4')) === 'completed', { what: 'OLD-wait~4 completed', timeoutMs: 15_000 });
    expect((await api.get('/queue/tickets/OLD-wait')).body).toMatchObject({ job_id: 'OLD-wait~4', team: 'billing', subject: 'Refund' });
  });

  it('keeps the corrections, and leaves nothing under the old keys', async () => {
    expect(await redis.client.hget(createKeys('iq', 'legal').overrides, 'OLD-x')).not.toBeNull();
    for (const key of [old.processedIndex, old.processedTickets, old.claims, old.payloads, old.pending, old.claimed, old.leases, old.overrides]) {
      expect(await redis.client.exists(key)).toBe(0);
    }
    expect(await redis.client.llen(`${old.bullPrefix}:${TRIAGE_QUEUE}:wait`)).toBe(0);
  });
});
