import { describe, expect, it } from 'vitest';
import type { Category } from '../domain/ticket.js';
import { accuracyAt, brierScore, categoryAccuracy, confusion, confusionAt, rates, rocAuc } from './metrics.js';

/** Brute-force Mann–Whitney over all positive/negative pairs, ties counted half. */
function pairwiseAuc(scores: number[], labels: boolean[]): number {
  let wins = 0;
  let pairs = 0;
  for (const [i, si] of scores.entries()) {
    if (!labels[i]) continue;
    for (const [j, sj] of scores.entries()) {
      if (labels[j]) continue;
      pairs++;
      wins += si > sj ? 1 : si === sj ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a perfectly inverted one', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
  });

  it('is 0.5 when every score is tied (ties count half)', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5, 0.5], [true, false, true, false, false])).toBe(0.5);
  });

  it('counts a tied positive/negative pair as half', () => {
    // pairs: (0.9 vs 0.5) = 1, (0.9 vs 0.1) = 1, (0.5 vs 0.5) = ½, (0.5 vs 0.1) = 1 → 3.5 / 4
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [true, true, false, false])).toBe(0.875);
  });

  it('does not depend on the order of the input', () => {
    expect(rocAuc([0.3, 0.7, 0.4, 0.6], [false, true, true, false])).toBe(0.75);
    expect(rocAuc([0.6, 0.4, 0.7, 0.3], [false, true, true, false])).toBe(0.75);
  });

  it('agrees with the brute-force pairwise count on random data with many ties', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const n = 5 + Math.floor(rnd() * 60);
      const scores = Array.from({ length: n }, () => Math.round(rnd() * 10) / 10);
      const labels = Array.from({ length: n }, (_, i) => (i < 2 ? i === 0 : rnd() < 0.4));
      expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
    }
  });

  it('is NaN when a class is missing, and rejects mismatched lengths and NaN scores', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
    expect(rocAuc([0.1, 0.2], [false, false])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
    expect(() => rocAuc([0.1], [true, false])).toThrow(RangeError);
    expect(() => rocAuc([Number.NaN, 0.2], [true, false])).toThrow(RangeError);
  });
});

describe('brierScore', () => {
  it('is the mean squared error against 0/1 labels', () => {
    expect(brierScore([1, 0], [true, false])).toBe(0);
    expect(brierScore([0, 1], [true, false])).toBe(1);
    expect(brierScore([0.5, 0.5, 0.5], [true, false, true])).toBe(0.25);
    expect(brierScore([0.8, 0.4], [true, false])).toBeCloseTo((0.04 + 0.16) / 2, 12);
  });

  it('is NaN for no input and rejects mismatched lengths', () => {
    expect(brierScore([], [])).toBeNaN();
    expect(() => brierScore([0.1], [])).toThrow(RangeError);
  });
});

describe('confusion and rates', () => {
  it('counts each cell', () => {
    expect(confusion([true, true, false, false, true], [true, false, false, true, true])).toEqual({
      tp: 2,
      fp: 1,
      tn: 1,
      fn: 1,
    });
  });

  it('thresholds with ≥, like is_urgent', () => {
    expect(confusionAt([0.5, 0.49, 0.8, 0.1], [true, true, false, false])).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(confusionAt([0.5, 0.49], [true, true], 0.4)).toEqual({ tp: 2, fp: 0, tn: 0, fn: 0 });
  });

  it('derives accuracy, precision, recall and F1', () => {
    const r = rates({ tp: 6, fp: 2, tn: 10, fn: 2 });
    expect(r.accuracy).toBe(0.8);
    expect(r.precision).toBe(0.75);
    expect(r.recall).toBe(0.75);
    expect(r.f1).toBe(0.75);
  });

  it('gives NaN, not 0 or 1, where a rate is undefined', () => {
    const r = rates({ tp: 0, fp: 0, tn: 3, fn: 0 });
    expect(r.accuracy).toBe(1);
    expect(r.precision).toBeNaN();
    expect(r.recall).toBeNaN();
    expect(rates({ tp: 0, fp: 0, tn: 0, fn: 0 }).accuracy).toBeNaN();
  });

  it('accuracyAt is the share of matching decisions', () => {
    expect(accuracyAt([0.9, 0.6, 0.4, 0.1], [true, false, false, false])).toBe(0.75);
    expect(accuracyAt([0.9, 0.6, 0.4, 0.1], [true, false, false, false], 0.7)).toBe(1);
  });

  it('rejects mismatched lengths', () => {
    expect(() => confusion([true], [])).toThrow(RangeError);
  });
});

describe('categoryAccuracy', () => {
  const actual: Category[] = ['Billing', 'Billing', 'Technical', 'Legal', 'General', 'General'];
  const predicted: Category[] = ['Billing', 'Technical', 'Technical', 'Billing', 'General', 'Technical'];

  it('reports overall and per-true-category accuracy', () => {
    const r = categoryAccuracy(predicted, actual);
    expect(r.n).toBe(6);
    expect(r.correct).toBe(3);
    expect(r.accuracy).toBe(0.5);
    expect(r.byCategory.Billing).toEqual({ n: 2, correct: 1, accuracy: 0.5 });
    expect(r.byCategory.Technical).toEqual({ n: 1, correct: 1, accuracy: 1 });
    expect(r.byCategory.Legal).toEqual({ n: 1, correct: 0, accuracy: 0 });
    expect(r.byCategory.General).toEqual({ n: 2, correct: 1, accuracy: 0.5 });
  });

  it('fills the confusion matrix by [actual][predicted]', () => {
    const { matrix } = categoryAccuracy(predicted, actual);
    expect(matrix.Billing.Technical).toBe(1);
    expect(matrix.Legal.Billing).toBe(1);
    expect(matrix.General.Technical).toBe(1);
    expect(matrix.Technical.Billing).toBe(0);
    const total = Object.values(matrix).reduce((s, row) => s + Object.values(row).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(6);
  });

  it('gives NaN accuracy for a category with no tickets', () => {
    const r = categoryAccuracy(['Billing'], ['Billing']);
    expect(r.byCategory.Legal).toEqual({ n: 0, correct: 0, accuracy: Number.NaN });
    expect(r.accuracy).toBe(1);
  });
});
