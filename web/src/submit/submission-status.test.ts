import { describe, expect, it } from 'vitest';
import { readFeedEvent } from '../live/feed-event';
import { indexEvents, statusOf, statusText } from './submission-status';

const event = (id: string, type: string, data: Record<string, unknown>) => readFeedEvent({ id, ts: new Date().toISOString(), type, ticketId: null, data });
const processed = (id: string, ticketId: string, jobId: string) =>
  event(id, 'ticket_processed', { ticket_id: ticketId, job_id: jobId, urgency_score: 0.9, category: 'Billing', is_urgent: true, priority_score: 9, model: 'm' });

describe('statusOf', () => {
  const sub = { ticketId: 'T-1', jobId: 'T-1~2', duplicate: false };

  it('says a processed ticket was popped or removed only after its own processing', () => {
    // Newest first, as the activity store keeps them.
    const removed = indexEvents([event('5-0', 'ticket_removed', { ticket_id: 'T-1', urgency_score: 0.9 }), processed('4-0', 'T-1', 'T-1~2')]);
    expect(statusText(statusOf(sub, removed))).toBe('processed · S 0.90 · Billing · removed');
    const popped = indexEvents([event('5-0', 'ticket_popped', { ticket_id: 'T-1', urgency_score: 0.9, picked: true }), processed('4-0', 'T-1', 'T-1~2')]);
    expect(statusText(statusOf(sub, popped))).toBe('processed · S 0.90 · Billing · popped');
    // An earlier submission of the same id was removed; this one is still queued.
    const earlier = indexEvents([processed('6-0', 'T-1', 'T-1~2'), event('5-0', 'ticket_removed', { ticket_id: 'T-1', urgency_score: 0.2 })]);
    expect(statusText(statusOf(sub, earlier))).toBe('processed · S 0.90 · Billing');
  });
});
