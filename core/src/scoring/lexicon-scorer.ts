import { scoreNonBlank, type Scorer, type ScorerInfo, type UrgencyResult } from './scorer.js';
import { polarityScores, vaderLexicon } from './vader-fast.js';

/**
 * Maps VADER's compound polarity c ∈ [-1, 1] (negation- and intensity-aware) to
 * S = 1 / (1 + e^(STEEPNESS · (c − MIDPOINT))).
 *
 * The midpoint sits below zero so neutral questions (c = 0) score well under 0.5 and
 * only clearly negative text crosses it; e.g. c = 0 → 0.23, c = −0.5 → 0.86,
 * c = −0.9 → 0.98, c = 0.6 → 0.01.
 */
export const LEXICON_MIDPOINT = -0.2;
export const LEXICON_STEEPNESS = 6;
export const LEXICON_MODEL = 'vader-lexicon';

export function compoundToUrgency(compound: number): number {
  return 1 / (1 + Math.exp(LEXICON_STEEPNESS * (compound - LEXICON_MIDPOINT)));
}

/**
 * The lexicon scorer: fast, dependency-light, and always available. VADER's compound is
 * computed by our precompiled port (`vader-fast.ts`), the same numbers as the package.
 */
export function createLexiconScorer(reason = 'configured'): Scorer {
  vaderLexicon(); // read the lexicon now: a missing file fails the start, not the first ticket
  const info: ScorerInfo = { kind: 'lexicon', model: LEXICON_MODEL, reason };
  return {
    info,
    score: (texts: string[]) =>
      scoreNonBlank(texts, LEXICON_MODEL, async (filled) =>
        filled.map((text): UrgencyResult => {
          const score = compoundToUrgency(polarityScores(text).compound);
          return { score, label: score >= 0.5 ? 'NEGATIVE' : 'POSITIVE', model: LEXICON_MODEL };
        }),
      ),
  };
}
