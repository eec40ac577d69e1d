import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from './micro-batcher.js';
import type { Scorer, UrgencyResult } from './scorer.js';

/** A scorer whose score is the text's length, recording every batch it is given. */
function recordingScorer(opts: { delayMs?: number; failOn?: string } = {}) {
  const batches: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const scorer: Scorer = {
    info: { kind: 'lexicon', model: 'length', reason: 'test' },
    async score(texts) {
      batches.push(texts);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, opts.delayMs ?? 5));
      inFlight -= 1;
      if (opts.failOn && texts.includes(opts.failOn)) throw new Error('model failed');
      return texts.map((t): UrgencyResult => ({ score: t.length / 100, label: 'POSITIVE', model: 'length' }));
    },
  };
  return { scorer, batches, maxInFlight: () => maxInFlight };
}

describe('createMicroBatcher', () => {
  it('returns each caller its own results under concurrency', async () => {
    const { scorer } = recordingScorer();
    const batcher = createMicroBatcher(scorer, { maxBatch: 8, maxWaitMs: 5 });
    const texts = Array.from({ length: 50 }, (_, i) => 'x'.repeat(i + 1));
    const results = await Promise.all(texts.map((t) => batcher.score([t])));
    expect(results.map((r) => r[0]!.score)).toEqual(texts.map((t) => t.length / 100));
  });

  it('groups concurrent texts into batches of at most maxBatch, one pass at a time', async () => {
    const { scorer, batches, maxInFlight } = recordingScorer({ delayMs: 10 });
    const batcher = createMicroBatcher(scorer, { maxBatch: 4, maxWaitMs: 50 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.score([`t${i}`])));
    expect(batches.flat().sort()).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
    expect(Math.max(...batches.map((b) => b.length))).toBe(4);
    expect(batches.length).toBe(3);
    expect(maxInFlight()).toBe(1);
  });

  it('tells pass observers the size of every pass, not of every call', async () => {
    const { scorer, batches } = recordingScorer({ delayMs: 10 });
    const batcher = createMicroBatcher(scorer, { maxBatch: 4, maxWaitMs: 50 });
    const passes: number[] = [];
    batcher.observePasses!((texts) => passes.push(texts));
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.score([`t${i}`])));
    expect(passes).toEqual(batches.map((b) => b.length));
    expect(passes).toEqual([4, 4, 2]);
  });

  it('keeps a multi-text call in order', async () => {
    const { scorer } = recordingScorer();
    const batcher = createMicroBatcher(scorer, { maxBatch: 2, maxWaitMs: 0 });
    const results = await batcher.score(['a', 'bbb', 'cc', 'dddd', 'e']);
    expect(results.map((r) => r.score)).toEqual([0.01, 0.03, 0.02, 0.04, 0.01]);
  });

  it('rejects the callers of a failed pass and keeps serving later ones', async () => {
    const { scorer } = recordingScorer({ failOn: 'boom' });
    const batcher = createMicroBatcher(scorer, { maxBatch: 16, maxWaitMs: 20 });
    const failed = Promise.all([batcher.score(['boom']), batcher.score(['fine'])]);
    await expect(failed).rejects.toThrow('model failed');
    await expect(batcher.score(['later'])).resolves.toEqual([expect.objectContaining({ score: 0.05 })]);
  });

  it('passes the inner scorer info through', () => {
    const { scorer } = recordingScorer();
    expect(createMicroBatcher(scorer, { maxBatch: 1, maxWaitMs: 0 }).info).toBe(scorer.info);
  });
});
