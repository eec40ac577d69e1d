/**
 * Start-up and idle memory: each process is spawned the same way (`node --import tsx`),
 * timed from spawn to its ready line (API: "Server listening"; worker: "worker ready";
 * bare: its own line, after its Redis connection is ready), then left idle for a moment
 * and its RSS read from /proc. Project API / worker (lexicon) vs the bare server / bare
 * BullMQ worker, interleaved.
 */
import { startRedisServer } from '@iq/testkit';
import { interleave } from '../lib/interleave.js';
import { bareApi, bareWorker, projectApi, projectWorker, rssMiB, stop } from '../lib/procs.js';
import type { Row, Scenario } from './types.js';
import type { ServiceProcess } from '@iq/testkit';
import { CONCURRENCY } from './drain.js';

const IDLE_MS = 1500;

export const footprint: Scenario = {
  name: 'footprint',
  describe: 'start-up to ready and idle RSS, API and worker vs bare',
  async run(ctx) {
    const redis = await startRedisServer();
    const rows: Row[] = [];
    try {
      const kinds = [
        ['API', () => projectApi(redis.url), () => bareApi(redis.url), 'bare node:http + BullMQ queue'],
        ['worker', () => projectWorker(redis.url, CONCURRENCY), () => bareWorker(redis.url, CONCURRENCY), 'bare BullMQ no-op worker'],
      ] as const;
      for (const [what, project, bare, bareName] of kinds) {
        const measure = (start: () => Promise<ServiceProcess>, which: string) => async (round: number) => {
          const t0 = performance.now();
          const proc = await start();
          const startup = (performance.now() - t0) / 1000;
          await new Promise((r) => setTimeout(r, IDLE_MS));
          const rss = rssMiB(proc.child.pid!);
          await stop(proc);
          ctx.log(`${what} ${which} round ${round}: ready in ${startup.toFixed(2)} s, idle RSS ${rss.toFixed(0)} MiB`);
          return { startup, rss };
        };
        const r = await interleave(ctx.rounds, measure(project, 'project'), measure(bare, 'bare'));
        rows.push({
          scenario: 'footprint',
          path: `start-up to ready, ${what}`,
          baseline: bareName,
          unit: 's',
          higherIsBetter: false,
          project: r.a.map((x) => ({ value: x.startup })),
          bare: r.b.map((x) => ({ value: x.startup })),
        });
        rows.push({
          scenario: 'footprint',
          path: `RSS idle, ${what}${what === 'worker' ? ' (lexicon)' : ''}`,
          baseline: bareName,
          unit: 'MiB',
          higherIsBetter: false,
          project: r.a.map((x) => ({ value: x.rss })),
          bare: r.b.map((x) => ({ value: x.rss })),
        });
      }
    } finally {
      await redis.stop();
    }
    return rows;
  },
};
