/**
 * Worker drain: N triage jobs waiting in a paused queue, k worker processes ready; the
 * queue is resumed and the clock runs from the first job taken until no job is left. Project: the real worker (lexicon scorer,
 * claims + store script). Baseline: a bare BullMQ worker with a no-op processor, same
 * queue, prefix, job options and concurrency. Both as k child processes. k = 1, 2, 4
 * is the worker scale curve (k > 1 drains N/2 jobs, to keep the suite under ten minutes).
 */
import { startRedisServer } from '@iq/testkit';
import { filler } from '../lib/fill.js';
import { interleave } from '../lib/interleave.js';
import { bareWorker, projectWorker, stop } from '../lib/procs.js';
import { keys } from '../lib/project.js';
import type { Row, Sample, Scenario } from './types.js';

export const CONCURRENCY = 16; // the project's default WORKER_CONCURRENCY

export const drain: Scenario = {
  name: 'drain',
  describe: 'worker drain, lexicon, 1/2/4 processes vs bare BullMQ no-op workers',
  async run(ctx) {
    const redis = await startRedisServer();
    const fill = filler(redis.url);
    const rows: Row[] = [];
    try {
      for (const k of ctx.quick ? [1, 2] : [1, 2, 4]) {
        const n = k === 1 ? ctx.tickets : Math.round(ctx.tickets / 2);
        const arm = (which: 'project' | 'bare') => async (round: number): Promise<Sample> => {
          await redis.client.flushall();
          await fill.queue.pause();
          await fill[which](n, `r${round}`);
          const spawn = () => (which === 'project' ? projectWorker(redis.url, CONCURRENCY) : bareWorker(redis.url, CONCURRENCY));
          const workers = await Promise.all(Array.from({ length: k }, spawn));
          const rate = await fill.drain(n);
          await Promise.all(workers.map(stop));
          if (which === 'project') {
            const stored = await redis.client.zcard(keys.processedIndex);
            if (stored !== n) throw new Error(`project drain stored ${stored} of ${n} tickets`);
          }
          ctx.log(`drain k=${k} ${which} round ${round}: ${rate.toFixed(0)} jobs/s`);
          return { value: rate };
        };
        const { a, b } = await interleave(ctx.rounds, arm('project'), arm('bare'));
        rows.push({
          scenario: 'drain',
          path: `worker drain, ${n} jobs, lexicon, ${k} process${k > 1 ? 'es' : ''}`,
          baseline: `bare BullMQ no-op worker${k > 1 ? 's' : ''}, same Redis, queue, job options, concurrency ${CONCURRENCY}`,
          unit: 'jobs/s',
          higherIsBetter: true,
          project: a,
          bare: b,
          scale: { series: 'worker processes', x: k },
        });
      }
    } finally {
      await fill.close();
      await redis.stop();
    }
    return rows;
  },
};
