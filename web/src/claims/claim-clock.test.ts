import { describe, expect, it } from 'vitest';
import { formatDuration, heldFor, leaseLeft } from './claim-clock';

describe('the claimed list times', () => {
  it('formats a duration compactly, with seconds while under an hour', () => {
    expect(formatDuration(-5)).toBe('0s');
    expect(formatDuration(42_999)).toBe('42s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(59 * 60_000 + 59_000)).toBe('59m 59s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(52 * 3_600_000)).toBe('2d 4h');
  });

  it('reads held-for and lease-left at a given now', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(heldFor('2026-01-01T11:58:30Z', now)).toBe('1m 30s');
    expect(heldFor('not a date', now)).toBe('–');
    expect(leaseLeft('2026-01-01T12:04:00Z', now)).toEqual({ text: '4m 00s', state: 'ok' });
    expect(leaseLeft('2026-01-01T12:00:59Z', now)).toEqual({ text: '59s', state: 'ending' });
    expect(leaseLeft('2026-01-01T12:00:00Z', now)).toEqual({ text: 'expired', state: 'expired' });
    expect(leaseLeft('2026-01-01T11:00:00Z', now)).toEqual({ text: 'expired', state: 'expired' });
    expect(leaseLeft('', now)).toEqual({ text: '–', state: 'unknown' });
  });
});
