/**
 * Priority, as the original service defined it: `priority_score = min(10, round(S × 10))`,
 * an integer 0–10 for people to read. It does not order the queue: ten buckets would
 * throw away most of what S knows.
 *
 * The processed queue is ordered by S itself, to four decimals, then by arrival. A Redis
 * sorted set orders by one double, so both are folded into it:
 * `round(S × 10⁴) × 2³⁹ + (2³⁹ − 1 − seq)`. Among equal S the smaller arrival sequence
 * (earlier submission) scores higher and pops first (FIFO). Both parts stay below 2⁵³,
 * so the double is exact for the first 2³⁹ (≈ 5.5 × 10¹¹) submissions of a deployment.
 */
export const PRIORITY_MAX = 10;

/** S at or above which a ticket is urgent (`is_urgent`; the dashboard's "Urgent" badge). */
export const URGENT_THRESHOLD = 0.5;
/** WEBHOOK_MIN_URGENCY's default: S above which a worker alerts its webhook. */
export const DEFAULT_WEBHOOK_MIN_URGENCY = 0.8;
/** Decimals of S the queue order distinguishes. */
export const QUEUE_ORDER_DECIMALS = 4;
const ORDER_STEPS = 10 ** QUEUE_ORDER_DECIMALS;
/** The arrival part of a queue score: 2³⁹ sequence numbers. */
export const QUEUE_SEQ_SPACE = 2 ** 39;
const SEQ_SPACE = QUEUE_SEQ_SPACE;

function clampUnit(urgencyScore: number): number {
  if (Number.isNaN(urgencyScore)) throw new RangeError('urgency score is NaN');
  return Math.min(1, Math.max(0, urgencyScore));
}

/**
 * Python's `round`, which the original used: halves go to the even neighbour
 * (round(2.5) = 2), where Math.round would go up.
 */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The original's `min(10, round(S × 10))`: an integer 0–10. */
export function priorityScore(urgencyScore: number): number {
  return Math.min(PRIORITY_MAX, roundHalfEven(clampUnit(urgencyScore) * 10));
}

/** The sorted-set score for a ticket of urgency `urgencyScore` that arrived as number `seq` (≥ 1). */
export function queueScore(urgencyScore: number, seq: number): number {
  if (!Number.isInteger(seq) || seq < 1 || seq >= SEQ_SPACE) {
    throw new RangeError(`arrival sequence ${seq} is outside 1..2^39-1`);
  }
  return Math.round(clampUnit(urgencyScore) * ORDER_STEPS) * SEQ_SPACE + (SEQ_SPACE - 1 - seq);
}

/**
 * The least step of S (in the queue's four decimals) at or above, or above, `urgencyScore`.
 * Rounding alone would be a step off for a threshold between two steps (0.84999 rounds to
 * 0.8500, which is above it; 0.84994 to 0.8499, which is not at least it).
 */
function stepFrom(urgencyScore: number, strict: boolean): number {
  const s = clampUnit(urgencyScore);
  const k = Math.round(s * ORDER_STEPS);
  const inside = strict ? k / ORDER_STEPS > s : k / ORDER_STEPS >= s;
  return inside ? k : k + 1;
}

/**
 * The lowest queue score of a ticket whose S, to the queue's four decimals, is at least
 * `urgencyScore`: counting by S is then a ZCOUNT on the processed queue, whatever its size.
 */
export function queueScoreAtLeast(urgencyScore: number): number {
  return stepFrom(urgencyScore, false) * SEQ_SPACE;
}

/** The lowest queue score of a ticket whose S, to four decimals, is above `urgencyScore`. */
export function queueScoreAbove(urgencyScore: number): number {
  return stepFrom(urgencyScore, true) * SEQ_SPACE;
}
