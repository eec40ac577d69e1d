import type { Category } from '../domain/ticket.js';
import { CATEGORIES } from '../domain/ticket.js';

/**
 * Metrics for evaluating triage against a labelled set (see eval/ at the repository root).
 * Pure functions, no I/O. Undefined ratios (e.g. precision with no positive predictions,
 * AUC with only one class) are NaN rather than a made-up 0 or 1.
 */

/**
 * ROC AUC of `scores` against binary `labels`, computed as the Mann–Whitney U statistic:
 * the probability that a randomly chosen positive scores higher than a randomly chosen
 * negative, with ties counted as half. Uses average ranks, so O(n log n).
 * NaN when either class is empty.
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new RangeError('scores and labels differ in length');
  const nPos = labels.filter(Boolean).length;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  for (const s of scores) if (Number.isNaN(s)) throw new RangeError('scores contain NaN');

  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Sum of the (1-based, tie-averaged) ranks of the positives.
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start+1 … end
    for (let k = start; k < end; k++) if (labels[order[k]!]) positiveRankSum += averageRank;
    start = end;
  }
  const u = positiveRankSum - (nPos * (nPos + 1)) / 2;
  return u / (nPos * nNeg);
}

/**
 * Brier score: mean squared difference between the probability-like score and the 0/1
 * label. Lower is better; 0.25 is what a constant 0.5 earns. Unlike AUC it rewards
 * calibration, so it is the metric that sees a change in a monotone mapping's slope.
 * NaN for an empty input.
 */
export function brierScore(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new RangeError('scores and labels differ in length');
  if (scores.length === 0) return Number.NaN;
  return scores.reduce((sum, s, i) => sum + (s - (labels[i] ? 1 : 0)) ** 2, 0) / scores.length;
}

/** Counts of a binary decision against the truth; positive = urgent. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Confusion counts of `predicted` against `actual`. */
export function confusion(predicted: readonly boolean[], actual: readonly boolean[]): Confusion {
  if (predicted.length !== actual.length) throw new RangeError('predicted and actual differ in length');
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const [i, p] of predicted.entries()) {
    if (p) c[actual[i] ? 'tp' : 'fp']++;
    else c[actual[i] ? 'fn' : 'tn']++;
  }
  return c;
}

/** Confusion counts when `score ≥ threshold` predicts positive (as `is_urgent` does at 0.5). */
export function confusionAt(scores: readonly number[], labels: readonly boolean[], threshold = 0.5): Confusion {
  return confusion(
    scores.map((s) => s >= threshold),
    labels,
  );
}

const ratio = (num: number, den: number) => (den === 0 ? Number.NaN : num / den);

/** Summary rates of a confusion; NaN where the denominator is zero. */
export function rates(c: Confusion): { accuracy: number; precision: number; recall: number; f1: number } {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn),
    precision,
    recall,
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
}

/** Fraction of tickets whose `score ≥ threshold` decision matches the label. */
export function accuracyAt(scores: readonly number[], labels: readonly boolean[], threshold = 0.5): number {
  return rates(confusionAt(scores, labels, threshold)).accuracy;
}

export interface CategoryAccuracy {
  n: number;
  correct: number;
  /** correct / n; NaN when n = 0. */
  accuracy: number;
  /** By true category: how many there are, how many were classified right. */
  byCategory: Record<Category, { n: number; correct: number; accuracy: number }>;
  /** matrix[actual][predicted] = count. */
  matrix: Record<Category, Record<Category, number>>;
}

/** Category accuracy overall and per true category (i.e. per-category recall), plus the confusion matrix. */
export function categoryAccuracy(predicted: readonly Category[], actual: readonly Category[]): CategoryAccuracy {
  if (predicted.length !== actual.length) throw new RangeError('predicted and actual differ in length');
  const zeros = () => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const matrix = Object.fromEntries(CATEGORIES.map((c) => [c, zeros()])) as CategoryAccuracy['matrix'];
  for (const [i, p] of predicted.entries()) matrix[actual[i]!][p]++;

  const byCategory = Object.fromEntries(
    CATEGORIES.map((c) => {
      const n = CATEGORIES.reduce((sum, p) => sum + matrix[c][p], 0);
      const correct = matrix[c][c];
      return [c, { n, correct, accuracy: ratio(correct, n) }];
    }),
  ) as CategoryAccuracy['byCategory'];
  const correct = CATEGORIES.reduce((sum, c) => sum + matrix[c][c], 0);
  return { n: predicted.length, correct, accuracy: ratio(correct, predicted.length), byCategory, matrix };
}
