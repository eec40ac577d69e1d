import { describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { readFeedEvent } from './feed-event';

const wire = (type: string, data: unknown, ticketId: string | null = null) => ({ id: '5-0', ts: '2026-01-01T00:00:00Z', type, ticketId, data });

describe('readFeedEvent', () => {
  it('reads an event that holds to the contract as known, with typed data', () => {
    const event = readFeedEvent(wire('ticket_processed', contractData('ticket_processed', { ticket_id: 'T-1', urgency_score: 0.8 }), 'T-1'));
    expect(event.known).toBe(true);
    if (!event.known || event.type !== 'ticket_processed') throw new Error('expected a known ticket_processed');
    expect(event.data.urgency_score).toBe(0.8);
    expect(event.ticketId).toBe('T-1');
  });

  it("takes the ticket from the data when the API names none, and keeps data fields it does not know", () => {
    const event = readFeedEvent(wire('ticket_accepted', { ticket_id: 'T-2', job_id: 'T-2~1', queue: 'fast' }));
    expect(event).toMatchObject({ known: true, ticketId: 'T-2', data: { queue: 'fast' } });
  });

  it('keeps an event of a type it does not know as unknown, as it came', () => {
    const event = readFeedEvent(wire('ticket_snoozed', { ticket_id: 'T-3', level: 2 }));
    expect(event).toEqual({ known: false, id: '5-0', ts: '2026-01-01T00:00:00Z', type: 'ticket_snoozed', ticketId: 'T-3', data: { ticket_id: 'T-3', level: 2 } });
  });

  it('does not trust a known type whose data breaks the contract', () => {
    const event = readFeedEvent(wire('ticket_processed', { ticket_id: 'T-4', job_id: 'T-4~1', urgency_score: 'high' }, 'T-4'));
    expect(event).toMatchObject({ known: false, type: 'ticket_processed', ticketId: 'T-4' });
  });

  it('survives data that is not an object at all', () => {
    expect(readFeedEvent(wire('queue_cleared', null))).toMatchObject({ known: false, ticketId: null, data: null });
    expect(readFeedEvent({ id: '6-0', ts: '', type: 'x' })).toMatchObject({ known: false, ticketId: null, data: null });
  });
});
