import { describe, expect, it, vi } from 'vitest';
import type { ProcessedTicket } from '@iq/core';
import { escalateDue } from './escalation-loop.js';

const NOW = Date.parse('2024-01-01T01:00:00.000Z');
const ticket = (id: string): ProcessedTicket =>
  ({
    ticket_id: id,
    job_id: `${id}~1`,
    subject: 'Down',
    body: 'private',
    category: 'Technical',
    urgency_score: 0.9,
    priority_score: 9,
    created_at: '2024-01-01T00:00:00.000Z',
    processed_at: '2024-01-01T00:45:00.000Z',
  }) as ProcessedTicket;

describe('escalateDue', () => {
  it('enqueues one escalation per ticket taken, with how long it waited, then records it', async () => {
    const order: string[] = [];
    const escalations = {
      take: vi.fn(async () => [ticket('a'), ticket('b')]),
      record: vi.fn(async (t: ProcessedTicket) => Boolean(order.push(`record ${t.ticket_id}`))),
    };
    const enqueue = vi.fn(async (data: { ticket: { ticket_id: string } }) => String(order.push(`enqueue ${data.ticket.ticket_id}`)));
    const escalated = await escalateDue({ escalations, enqueue, minUrgency: 0.8, now: () => NOW, leaseMs: 30_000 });

    expect(escalated).toEqual(['a', 'b']);
    expect(escalations.take).toHaveBeenCalledExactlyOnceWith(NOW, 100, 0.8, NOW + 30_000);
    expect(enqueue).toHaveBeenCalledWith({ kind: 'escalation', ticket: expect.not.objectContaining({ body: expect.anything() }), waited_seconds: 900 });
    expect(escalations.record).toHaveBeenCalledWith(ticket('a'), NOW + 30_000, 900);
    expect(order.indexOf('enqueue a')).toBeLessThan(order.indexOf('record a'));
  });

  it('records nothing for a ticket whose enqueue failed (its lease runs out and it is taken again), and says so', async () => {
    const escalations = { take: vi.fn(async () => [ticket('a'), ticket('b')]), record: vi.fn(async () => true) };
    const enqueue = vi.fn(async (data: { ticket: { ticket_id: string } }) => {
      if (data.ticket.ticket_id === 'a') throw new Error('boom');
      return 'b~1.escalation';
    });
    await expect(escalateDue({ escalations, enqueue, minUrgency: 0.8, now: () => NOW })).rejects.toThrow('boom');
    expect(escalations.record).toHaveBeenCalledExactlyOnceWith(ticket('b'), expect.any(Number), 900);
  });

  it('does not count a ticket another worker recorded', async () => {
    const escalations = { take: vi.fn(async () => [ticket('a')]), record: vi.fn(async () => false) };
    expect(await escalateDue({ escalations, enqueue: vi.fn(async () => 'x'), minUrgency: 0.8, now: () => NOW })).toEqual([]);
  });

  it('takes another batch while batches come back full', async () => {
    const take = vi.fn().mockResolvedValueOnce([ticket('a'), ticket('b')]).mockResolvedValueOnce([ticket('c')]);
    const escalations = { take, record: vi.fn(async () => true) };
    expect(await escalateDue({ escalations, enqueue: vi.fn(async () => 'x'), minUrgency: 0.8, batch: 2, now: () => NOW })).toEqual(['a', 'b', 'c']);
    expect(take).toHaveBeenCalledTimes(2);
  });
});
