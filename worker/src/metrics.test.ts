import { describe, expect, it } from 'vitest';
import { createMetrics, createMicroBatcher, type Scorer } from '@iq/core';
import { timedScorer } from './metrics.js';

/** A model that takes 5 ms a pass, whatever the number of texts. */
const slowModel: Scorer = {
  info: { kind: 'transformer', model: 'slow', reason: 'test' },
  async score(texts) {
    await new Promise((r) => setTimeout(r, 5));
    return texts.map(() => ({ score: 0.5, label: 'NEGATIVE' as const, model: 'slow' }));
  },
};

async function batchSizes(scorer: Scorer): Promise<{ count: number; sum: number }> {
  const metrics = createMetrics({ process: 'worker', defaultMetrics: false });
  const timed = timedScorer(scorer, metrics);
  await Promise.all(Array.from({ length: 10 }, (_, i) => timed.score([`text ${i}`])));
  const { values } = await metrics.scorerBatchSize.get();
  const valueOf = (name: string) => values.find((v) => v.metricName === name)!.value;
  return { count: valueOf('iq_scorer_batch_size_count'), sum: valueOf('iq_scorer_batch_size_sum') };
}

describe('timedScorer', () => {
  it("observes the micro-batcher's passes as scorer batches, not the jobs' calls", async () => {
    const batched = createMicroBatcher(slowModel, { maxBatch: 4, maxWaitMs: 20 });
    // 10 concurrent one-text calls: passes of 4, 4 and 2.
    expect(await batchSizes(batched)).toEqual({ count: 3, sum: 10 });
  });

  it('observes every call of a scorer without passes of its own', async () => {
    expect(await batchSizes(slowModel)).toEqual({ count: 10, sum: 10 });
  });
});
