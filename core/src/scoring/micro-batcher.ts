import type { Scorer, UrgencyResult } from './scorer.js';

export interface MicroBatchOptions {
  /** Most texts in one forward pass. */
  maxBatch: number;
  /** How long the first text of an idle batcher waits for company. */
  maxWaitMs: number;
}

interface Pending {
  text: string;
  resolve: (result: UrgencyResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Scores concurrent requests together: texts queue up while the model is busy, and each
 * forward pass takes up to `maxBatch` of them. When the model is idle the first text
 * waits at most `maxWaitMs` (or until the batch is full) before the pass starts, so a
 * lone request pays little latency and a busy worker gets large batches. One pass runs
 * at a time: on a CPU, concurrent passes only fight over the same cores.
 */
export function createMicroBatcher(inner: Scorer, opts: MicroBatchOptions): Scorer {
  const queue: Pending[] = [];
  const passObservers: Array<(texts: number) => void> = [];
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  async function runBatches(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, opts.maxBatch);
      for (const observe of passObservers) observe(batch.length);
      try {
        const results = await inner.score(batch.map((p) => p.text));
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    running = false;
  }

  function schedule(): void {
    if (running) return; // the loop picks the new texts up after the current pass
    if (queue.length >= opts.maxBatch || opts.maxWaitMs === 0) {
      clearTimeout(timer);
      timer = undefined;
      void runBatches();
    } else {
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!running) void runBatches();
      }, opts.maxWaitMs);
    }
  }

  return {
    info: inner.info,
    score(texts: string[]): Promise<UrgencyResult[]> {
      const results = texts.map((text) => new Promise<UrgencyResult>((resolve, reject) => queue.push({ text, resolve, reject })));
      schedule();
      return Promise.all(results);
    },
    observePasses(onPass) {
      passObservers.push(onPass);
    },
  };
}
