import { describe, expect, it } from 'vitest';
import { PRIORITY_DECIMALS, priorityScore, queueScore } from './priority.js';

const SEQ_SPACE = 2 ** 39;
const MAX_SEQ = SEQ_SPACE - 1;

describe('priorityScore', () => {
  it('uses four decimals', () => {
    expect(PRIORITY_DECIMALS).toBe(4);
  });

  it.each<[number, number]>([
    [0, 0],
    [1, 1],
    [0.5, 0.5],
    [0.12344, 0.1234],
    [0.12346, 0.1235],
    [0.87654321, 0.8765],
    [0.00004, 0],
    [0.00006, 0.0001],
    [0.99994, 0.9999],
    [0.99996, 1],
  ])('rounds %d to %d', (s, expected) => {
    expect(priorityScore(s)).toBe(expected);
  });

  it.each<[number, number]>([
    [-0.3, 0],
    [-1e-9, 0],
    [-Infinity, 0],
    [1.7, 1],
    [1 + 1e-9, 1],
    [Infinity, 1],
  ])('clamps %d to %d', (s, expected) => {
    expect(priorityScore(s)).toBe(expected);
  });

  it('stays within half a step of S, has at most four decimals, and is idempotent', () => {
    for (let i = 0; i <= 1000; i++) {
      const s = (i * 0.7331) % 1; // spread over [0, 1)
      const p = priorityScore(s);
      expect(Math.abs(p - s)).toBeLessThanOrEqual(0.00005 + 1e-12);
      expect(Math.abs(p * 10_000 - Math.round(p * 10_000))).toBeLessThan(1e-6);
      expect(priorityScore(p)).toBe(p);
    }
  });

  it('is monotonic (never inverts the order of two urgency scores)', () => {
    let previous = -1;
    for (let i = 0; i <= 10_000; i++) {
      const p = priorityScore(i / 10_000 + 0.00003);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
  });
});

describe('queueScore', () => {
  it('a higher priority always beats a lower one, whatever the arrival order', () => {
    // The worst case for the higher priority: it arrived last, the lower one first.
    const priorities = [0, 0.0001, 0.0002, 0.25, 0.4999, 0.5, 0.5001, 0.9998, 0.9999, 1];
    for (let i = 0; i + 1 < priorities.length; i++) {
      const lower = priorities[i]!;
      const higher = priorities[i + 1]!;
      expect(queueScore(higher, MAX_SEQ)).toBeGreaterThan(queueScore(lower, 1));
      expect(queueScore(higher, 1)).toBeGreaterThan(queueScore(lower, MAX_SEQ));
    }
  });

  it('equal priorities pop first-in, first-out (smaller seq scores higher)', () => {
    for (const p of [0, 0.0001, 0.5, 0.9999, 1]) {
      expect(queueScore(p, 1)).toBeGreaterThan(queueScore(p, 2));
      expect(queueScore(p, 41)).toBeGreaterThan(queueScore(p, 42));
      expect(queueScore(p, MAX_SEQ - 1)).toBeGreaterThan(queueScore(p, MAX_SEQ));
      // Adjacent arrivals differ by exactly 1, even at the top of the range.
      expect(queueScore(p, 1) - queueScore(p, 2)).toBe(1);
      expect(queueScore(p, MAX_SEQ - 1) - queueScore(p, MAX_SEQ)).toBe(1);
    }
  });

  it('sorting by score (descending) gives priority desc, then arrival asc', () => {
    const tickets = [
      { p: 0.2, seq: 1 },
      { p: 0.9, seq: 7 },
      { p: 0.2, seq: 3 },
      { p: 0.9, seq: 2 },
      { p: 1, seq: 1_000_000 },
      { p: 0, seq: 4 },
      { p: 0.2, seq: 2 },
      { p: 0, seq: 1 },
    ];
    const byScore = [...tickets].sort((a, b) => queueScore(b.p, b.seq) - queueScore(a.p, a.seq));
    const expected = [...tickets].sort((a, b) => b.p - a.p || a.seq - b.seq);
    expect(byScore).toEqual(expected);
  });

  it('stays an exact integer below 2^53 at the extremes', () => {
    const extremes = [
      queueScore(1, 1),
      queueScore(1, MAX_SEQ),
      queueScore(0, 1),
      queueScore(0, MAX_SEQ),
      queueScore(0.9999, 1),
    ];
    for (const score of extremes) {
      expect(Number.isSafeInteger(score)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThan(2 ** 53);
      // Redis receives the score as a string: it must not be in exponent notation.
      expect(String(score)).toMatch(/^\d+$/);
    }
    expect(queueScore(0, MAX_SEQ)).toBe(0);
    expect(queueScore(1, 1)).toBe(10_000 * SEQ_SPACE + SEQ_SPACE - 2);
  });

  it('is insensitive to floating-point noise in the priority', () => {
    expect(queueScore(0.1 + 0.2, 5)).toBe(queueScore(0.3, 5));
    expect(queueScore(priorityScore(0.12345678), 9)).toBe(queueScore(0.1235, 9));
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity, SEQ_SPACE, SEQ_SPACE + 1])('rejects seq %d with a RangeError', (seq) => {
    expect(() => queueScore(0.5, seq)).toThrow(RangeError);
  });

  it('accepts the whole documented seq range 1..2^39-1', () => {
    expect(() => queueScore(0.5, 1)).not.toThrow();
    expect(() => queueScore(0.5, MAX_SEQ)).not.toThrow();
  });
});
