import { describe, expect, it } from 'vitest';
import { priorityScore, queueScore, queueScoreAbove, queueScoreAtLeast } from './priority.js';

const SEQ_SPACE = 2 ** 39;
const MAX_SEQ = SEQ_SPACE - 1;

describe('priorityScore: the original\'s min(10, round(S × 10))', () => {
  it.each<[number, number]>([
    [0, 0],
    [0.04, 0],
    [0.05, 0], // Python rounds halves to even: round(0.5) = 0
    [0.06, 1],
    [0.15, 2], // 1.5 → 2
    [0.25, 2], // 2.5 → 2, where Math.round would give 3
    [0.35, 4], // 3.5 → 4
    [0.5, 5],
    [0.549, 5],
    [0.551, 6],
    [0.87654321, 9],
    [0.95, 10], // 9.5 → 10
    [0.99, 10],
    [1, 10],
  ])('maps S = %d to %d', (s, expected) => {
    expect(priorityScore(s)).toBe(expected);
  });

  it.each<[number, number]>([
    [-0.3, 0],
    [-1e-9, 0],
    [-Infinity, 0],
    [1 + 1e-9, 10],
    [1.7, 10],
    [Infinity, 10],
  ])('clamps %d to %d', (s, expected) => {
    expect(priorityScore(s)).toBe(expected);
  });

  it('is an integer 0–10 within half a step of 10·S, and monotonic in S', () => {
    let previous = -1;
    for (let i = 0; i <= 10_000; i++) {
      const s = i / 10_000;
      const p = priorityScore(s);
      expect(Number.isInteger(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(10);
      expect(Math.abs(p - s * 10)).toBeLessThanOrEqual(0.5);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
  });

  it('rejects NaN', () => {
    expect(() => priorityScore(Number.NaN)).toThrow(RangeError);
  });
});

describe('queueScore', () => {
  it('a higher S (to four decimals) always beats a lower one, whatever the arrival order', () => {
    // The worst case for the higher S: it arrived last, the lower one first.
    const priorities = [0, 0.0001, 0.0002, 0.25, 0.4999, 0.5, 0.5001, 0.9998, 0.9999, 1];
    for (let i = 0; i + 1 < priorities.length; i++) {
      const lower = priorities[i]!;
      const higher = priorities[i + 1]!;
      expect(queueScore(higher, MAX_SEQ)).toBeGreaterThan(queueScore(lower, 1));
      expect(queueScore(higher, 1)).toBeGreaterThan(queueScore(lower, MAX_SEQ));
    }
  });

  it('equal S pop first-in, first-out (smaller seq scores higher)', () => {
    for (const p of [0, 0.0001, 0.5, 0.9999, 1]) {
      expect(queueScore(p, 1)).toBeGreaterThan(queueScore(p, 2));
      expect(queueScore(p, 41)).toBeGreaterThan(queueScore(p, 42));
      expect(queueScore(p, MAX_SEQ - 1)).toBeGreaterThan(queueScore(p, MAX_SEQ));
      // Adjacent arrivals differ by exactly 1, even at the top of the range.
      expect(queueScore(p, 1) - queueScore(p, 2)).toBe(1);
      expect(queueScore(p, MAX_SEQ - 1) - queueScore(p, MAX_SEQ)).toBe(1);
    }
  });

  it('sorting by score (descending) gives S desc, then arrival asc', () => {
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
    expect(queueScore(0.12345678, 9)).toBe(queueScore(0.1235, 9));
  });

  it('orders tickets that share a priority_score by S', () => {
    expect(priorityScore(0.91)).toBe(priorityScore(0.94));
    expect(queueScore(0.94, 2)).toBeGreaterThan(queueScore(0.91, 1));
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity, SEQ_SPACE, SEQ_SPACE + 1])('rejects seq %d with a RangeError', (seq) => {
    expect(() => queueScore(0.5, seq)).toThrow(RangeError);
  });

  it('accepts the whole documented seq range 1..2^39-1', () => {
    expect(() => queueScore(0.5, 1)).not.toThrow();
    expect(() => queueScore(0.5, MAX_SEQ)).not.toThrow();
  });
});

describe('queue score bounds for counting by S', () => {
  const step = (score: number) => score / 2 ** 39;
  it('counts from the first four-decimal step at or above (or above) the threshold', () => {
    expect(step(queueScoreAtLeast(0.5))).toBe(5000);
    expect(step(queueScoreAbove(0.8))).toBe(8001);
    expect(step(queueScoreAbove(0.84999))).toBe(8500);
    expect(step(queueScoreAtLeast(0.84994))).toBe(8500);
    expect(step(queueScoreAtLeast(0.29))).toBe(2900);
    expect(step(queueScoreAbove(1))).toBe(10001);
    expect(step(queueScoreAtLeast(0))).toBe(0);
  });
});
