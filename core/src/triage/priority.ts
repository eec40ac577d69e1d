/**
 * Priority: `priority_score = round(S, 4)`, the urgency score to four decimals.
 * Higher pops first; no category boost is applied.
 *
 * The processed queue is a Redis sorted set ordered by one double, so priority and
 * arrival order are folded into it: `priority_score × 10⁴ × 2³⁹ + (2³⁹ − 1 − seq)`.
 * Among equal priorities the smaller arrival sequence (earlier submission) scores
 * higher and pops first (FIFO). Both parts stay below 2⁵³, so the double is exact for
 * the first 2³⁹ (≈ 5.5 × 10¹¹) submissions of a deployment.
 */
export const PRIORITY_DECIMALS = 4;
const PRIORITY_STEPS = 10 ** PRIORITY_DECIMALS;
const SEQ_SPACE = 2 ** 39;

export function priorityScore(urgencyScore: number): number {
  if (Number.isNaN(urgencyScore)) throw new RangeError('urgency score is NaN');
  const clamped = Math.min(1, Math.max(0, urgencyScore));
  return Math.round(clamped * PRIORITY_STEPS) / PRIORITY_STEPS;
}

/** The sorted-set score for a ticket of `priority` that arrived as number `seq` (≥ 1). */
export function queueScore(priority: number, seq: number): number {
  if (!Number.isInteger(seq) || seq < 1 || seq >= SEQ_SPACE) {
    throw new RangeError(`arrival sequence ${seq} is outside 1..2^39-1`);
  }
  return Math.round(priority * PRIORITY_STEPS) * SEQ_SPACE + (SEQ_SPACE - 1 - seq);
}
