import type { Category } from './ticket.js';
import { CATEGORY_RULES, GENERAL_RULE, type CategoryRule } from './category-vocabulary.js';

export { CATEGORY_RULES, GENERAL_RULE, type CategoryRule };

/**
 * Rule-based ticket categories: which team should handle a ticket, judged by the
 * underlying problem (eval/README.md, "Labelling guide").
 *
 * Every rule has two columns of vocabulary:
 * - `pattern`, words that name the *topic* ("invoice", "error", "lawyer"): TOPIC_WEIGHT each;
 * - `problem`, phrases that name the *problem itself* ("charged twice", "stopped syncing",
 *   "can't log in", "not delivered"): PROBLEM_WEIGHT each.
 * A named problem therefore outweighs one incidental topic word of another team, as in
 * "I can't pay because the checkout page crashes" (Technical, not Billing). A rule may also
 * have `once`, mentions counted at most once (money amounts): a bug report quoting four prices
 * is no more about money than one quoting one.
 *
 * All patterns are case-insensitive and global, and match whole words only, so "charger"
 * is not "charge" and "errorless" is not "error". Every match counts, but a word repeated n
 * times counts √n: repeats say less than different words of the same team. The subject line
 * and the body are counted separately, so a word in both counts twice: the subject says what
 * the ticket is about, and is not just a repeat.
 *
 * The ticket's *ask* decides where words conflict: a wish ("would love", "not a bug, a wish",
 * "do you plan to support") is General product feedback however technical the feature; a
 * question about what is done with personal data ("what do you keep about my son", "do you sell
 * my information", "where is our data stored") is Legal; an ask to fix or explain the software
 * ("could you fix the mapping", "tell me why it picked …") is Technical. These are problem
 * phrases in the vocabulary (category-vocabulary.ts), so they outweigh incidental topic words.
 *
 * Tie-break: the highest score wins; on equal scores the rule listed first wins (Legal,
 * Billing, Technical, then General), because a legal threat inside a billing complaint is
 * the more consequential routing. A ticket that matches nothing is General.
 *
 * Adding a word: it must be common support vocabulary (or an inflection of a word already
 * here), not a word that only one ticket uses. Measure with `npm run eval -- --split train`.
 */
export const TOPIC_WEIGHT = 1;
export const PROBLEM_WEIGHT = 2;

const RULES: readonly CategoryRule[] = [...CATEGORY_RULES, GENERAL_RULE];

/**
 * Matches of a pattern, with repeats of one word counting less: a word seen n times counts √n.
 * A receipt bug that says "receipt" four times is about a receipt, not four times as much about
 * money; several *different* words of one team are still stronger evidence than one word repeated.
 */
const count = (pattern: RegExp | undefined, text: string) => {
  if (!pattern) return 0;
  const repeats = new Map<string, number>();
  for (const match of text.match(pattern) ?? []) {
    const word = match.toLowerCase();
    repeats.set(word, (repeats.get(word) ?? 0) + 1);
  }
  let total = 0;
  for (const n of repeats.values()) total += Math.sqrt(n);
  return total;
};

/**
 * Each category's score: TOPIC_WEIGHT per topic word plus PROBLEM_WEIGHT per problem phrase
 * (a word or phrase repeated n times counts √n), for the subject (the first line) and the body
 * separately, plus TOPIC_WEIGHT once if any `once` mention matches anywhere.
 */
export function categoryScores(text: string): Record<Category, number> {
  const scores: Record<Category, number> = { Legal: 0, Billing: 0, Technical: 0, General: 0 };
  const cut = text.indexOf('\n');
  const parts = cut < 0 ? [text] : [text.slice(0, cut), text.slice(cut + 1)];
  for (const rule of RULES) {
    for (const part of parts) {
      scores[rule.category] += TOPIC_WEIGHT * count(rule.pattern, part) + PROBLEM_WEIGHT * count(rule.problem, part);
    }
    scores[rule.category] += TOPIC_WEIGHT * Math.min(1, count(rule.once, text));
  }
  return scores;
}

/** Classifies a ticket's text: the highest score, the earlier rule on a tie, `General` when nothing matches. */
export function categorize(text: string): Category {
  const scores = categoryScores(text);
  let best: Category = 'General';
  let bestScore = 0;
  for (const { category } of RULES) {
    if (scores[category] > bestScore) {
      best = category;
      bestScore = scores[category];
    }
  }
  return best;
}
