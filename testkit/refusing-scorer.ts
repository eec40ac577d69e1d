import { createLexiconScorer, type Scorer } from '@iq/core';

export interface RefusingScorer {
  scorer: Scorer;
  /** While set, scoring a text that contains the word fails: its job fails for good once out of attempts. */
  refusing: boolean;
}

/** The lexicon scorer, refusing texts that mention `word` while `refusing` holds: a job that fails on demand. */
export function refusingScorer(word = 'poison'): RefusingScorer {
  const lexicon = createLexiconScorer();
  const state: RefusingScorer = {
    refusing: true,
    scorer: {
      info: { kind: 'lexicon', model: `${word}-averse`, reason: 'test' },
      async score(texts) {
        if (state.refusing && texts.some((t) => t.includes(word))) throw new Error(`scorer refused a ${word}ed text`);
        return lexicon.score(texts);
      },
    },
  };
  return state;
}
