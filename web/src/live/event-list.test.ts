import { describe, expect, it } from 'vitest';
import { compareIds, eventTeam, eventTime, mergeEvents } from './event-list';
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

  it('orders team event ids "<ms>-<seq>-<team>" by ms, then seq, numerically, whatever the team', () => {
    expect(compareIds('1700000000000-0-legal', '1700000000001-0-billing')).toBeLessThan(0);
    expect(compareIds('1700000000000-10-billing', '1700000000000-9-technical')).toBeGreaterThan(0);
    expect(compareIds('999-0-general', '1000-0-billing')).toBeLessThan(0);
    // Team and deployment-wide events interleave by time.
    expect(compareIds('1000-1', '1000-2-billing')).toBeLessThan(0);
    expect(compareIds('1001-0', '1000-5-billing')).toBeGreaterThan(0);
    expect(compareIds('5-3-billing', '5-3-billing')).toBe(0);
  });

  it('tells apart two teams\' events with the same "<ms>-<seq>", in a fixed order (the whole id)', () => {
    const a = '1700000000000-0-billing';
    const b = '1700000000000-0-technical';
    expect(compareIds(a, b)).not.toBe(0);
    expect(Math.sign(compareIds(a, b))).toBe(-Math.sign(compareIds(b, a)));
    expect(compareIds(a, b)).toBeLessThan(0);
    // The deployment's own event of that ms-seq is distinct from both, and sorts first.
    expect(compareIds('1700000000000-0', a)).toBeLessThan(0);
    expect(compareIds('1700000000000-0', b)).toBeLessThan(0);
    // Sorting is the same whatever order the events came in.
    const shuffled = [b, '1700000000000-0', '1699999999999-7-legal', a, '1700000000000-1-legal'];
    const sorted = [...shuffled].sort(compareIds);
    expect(sorted).toEqual(['1699999999999-7-legal', '1700000000000-0', a, b, '1700000000000-1-legal']);
    expect([...shuffled].reverse().sort(compareIds)).toEqual(sorted);
  });

  it('reads team names that hold dashes whole', () => {
    expect(eventTeam('1700000000000-3-tier-2_support')).toBe('tier-2_support');
    expect(eventTeam('1700000000000-3-billing')).toBe('billing');
    expect(eventTeam('1700000000000-3')).toBeNull();
    expect(compareIds('1700000000000-3-tier-2', '1700000000000-12-tier-1')).toBeLessThan(0);
  });
});

describe('eventTime', () => {
  it('falls back to the id\'s ms, with or without a team', () => {
    expect(eventTime({ id: '1700000000123-4-billing', ts: '' })).toBe(1700000000123);
    expect(eventTime({ id: '1700000000123-4', ts: 'not a date' })).toBe(1700000000123);
    expect(eventTime({ id: '1-0-billing', ts: '2024-01-01T00:00:00.000Z' })).toBe(Date.parse('2024-01-01T00:00:00.000Z'));
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

  it('keeps two teams\' events with the same "<ms>-<seq>" (dedupes by the whole id), newest first', () => {
    const existing = [ev('2000-0'), ev('1000-0-billing')];
    const { events, added } = mergeEvents(
      existing,
      [ev('1000-0-technical'), ev('1000-0-billing'), ev('1000-0'), ev('1000-0-technical'), ev('1500-0-legal')],
      100,
    );
    expect(ids(events)).toEqual(['2000-0', '1500-0-legal', '1000-0-technical', '1000-0-billing', '1000-0']);
    expect(ids(added)).toEqual(['1500-0-legal', '1000-0-technical', '1000-0']);
  });

  it('merges the same events into the same order whichever batch brings them', () => {
    const all = ['3-0-billing', '3-0-technical', '3-0', '2-9-legal', '2-10-legal', '4-0-general'].map((id) => ev(id));
    const one = mergeEvents([], all, 100).events;
    const split = mergeEvents(mergeEvents([], all.slice(3), 100).events, all.slice(0, 3).reverse(), 100).events;
    expect(ids(split)).toEqual(ids(one));
    expect(ids(one)).toEqual(['4-0-general', '3-0-technical', '3-0-billing', '3-0', '2-10-legal', '2-9-legal']);
  });
});
