/** One text's urgency: S = probability-like negativity in [0, 1]. */
export interface UrgencyResult {
  score: number;
  label: 'NEGATIVE' | 'POSITIVE';
  /** Names what produced the score; stored on every processed ticket. */
  model: string;
  /** The parts of S an agent can read (see ProcessedTicket.urgency_explanation). */
  explanation?: string;
}

/** What health endpoints report about the scorer in use. */
export interface ScorerInfo {
  kind: 'model' | 'lexicon' | 'transformer';
  model: string;
  /** Why this scorer is the one in use (e.g. a fallback and its cause). */
  reason: string;
}

/**
 * Scores texts for urgency. Batch-shaped on purpose: a transformer scores many texts in
 * one forward pass far faster than one at a time.
 */
export interface Scorer {
  readonly info: ScorerInfo;
  score(texts: string[]): Promise<UrgencyResult[]>;
  /**
   * Calls `onPass` with the number of texts of every pass this scorer (or the scorer it
   * wraps) makes over its model, where passes are not calls: the micro-batcher merges
   * many calls into one pass. Absent: every call is one pass.
   */
  observePasses?(onPass: (texts: number) => void): void;
}

/** The text a ticket is scored on: subject and body together. */
export const ticketText = (t: { subject: string; body: string }) => `${t.subject}\n${t.body}`;

const isBlank = (text: string) => text.trim() === '';

/**
 * An empty or blank text carries no urgency: S = 0, without asking a model (a sentiment
 * model would read "" as mildly negative or positive at random). The other texts are
 * scored by `scoreTexts` in one call; results keep the order of `texts`.
 */
export async function scoreNonBlank(
  texts: string[],
  model: string,
  scoreTexts: (texts: string[]) => Promise<UrgencyResult[]>,
): Promise<UrgencyResult[]> {
  const filled = texts.filter((t) => !isBlank(t));
  const scored = filled.length > 0 ? await scoreTexts(filled) : [];
  let next = 0;
  return texts.map((t) => (isBlank(t) ? { score: 0, label: 'POSITIVE', model } : scored[next++]!));
}
