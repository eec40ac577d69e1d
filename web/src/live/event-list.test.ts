import { describe, expect, it } from 'vitest';
import { compareIds, mergeEvents } from './event-list';
import { readFeedEvent, type FeedEvent } from './feed-event';

const ev = (id: string, type = 'ticket_accepted'): FeedEvent => readFeedEvent({ id, ts: '', type, ticketId: null, data: {} });
const ids = (events: FeedEvent[]) => events.map((e) => e.id);

describe('compareIds', () => {
  it('orders by milliseconds, then sequence, numerically (not as strings)', () => {
    expect(compareIds('1700000000000-0', '1700000000001-0')).toBeLessThan(0);
    expect(compareIds('1700000000000-10', '1700000000000-9')).toBeGreaterThan(0);
    expect(compareIds('999-0', '1000-0')).toBeLessThan(0);
    expect(compareIds('5-3', '5-3')).toBe(0);
  });
});

describe('mergeEvents', () => {
  it('merges newest first and drops ids it already has', () => {
    const existing = [ev('30-0'), ev('20-1'), ev('10-0')];
    const { events, added } = mergeEvents(existing, [ev('20-1'), ev('25-0'), ev('40-0'), ev('10-0'), ev('20-2')], 100);
    expect(ids(events)).toEqual(['40-0', '30-0', '25-0', '20-2', '20-1', '10-0']);
    expect(ids(added)).toEqual(['40-0', '25-0', '20-2']);
  });

  it('ignores duplicates within one batch', () => {
    const { events } = mergeEvents([], [ev('1-0'), ev('1-0'), ev('2-0')], 100);
    expect(ids(events)).toEqual(['2-0', '1-0']);
  });

  it('returns the same list when nothing is new', () => {
    const existing = [ev('2-0'), ev('1-0')];
    const { events, added } = mergeEvents(existing, [ev('1-0')], 100);
    expect(events).toBe(existing);
    expect(added).toEqual([]);
  });

  it('keeps only the newest `max`, and does not report dropped ones as added', () => {
    const { events, added } = mergeEvents([ev('5-0'), ev('4-0')], [ev('6-0'), ev('1-0')], 3);
    expect(ids(events)).toEqual(['6-0', '5-0', '4-0']);
    expect(ids(added)).toEqual(['6-0']);
  });
});
