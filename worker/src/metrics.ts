import { performance } from 'node:perf_hooks';
import type { Metrics, Scorer } from '@iq/core';

/**
 * The scorer as the worker's jobs see it, timed: each call observes `iq_scoring_seconds`
 * (the micro-batcher's wait for company included, when there is one). `iq_scorer_batch_size`
 * observes the texts of each pass over the model: the micro-batcher's passes with the
 * transformer, each call otherwise. A failed call is timed too.
 */
export function timedScorer(scorer: Scorer, metrics: Pick<Metrics, 'scoringSeconds' | 'scorerBatchSize'>): Scorer {
  const batchedElsewhere = scorer.observePasses !== undefined;
  scorer.observePasses?.((texts) => metrics.scorerBatchSize.observe(texts));
  return {
    info: scorer.info,
    async score(texts) {
      if (!batchedElsewhere) metrics.scorerBatchSize.observe(texts.length);
      const started = performance.now();
      try {
        return await scorer.score(texts);
      } finally {
        metrics.scoringSeconds.observe((performance.now() - started) / 1000);
      }
    },
  };
}
