/**
 * GET /tickets/next, 64 connections: the project's API process against a bare node:http
 * process running the very same pop-next Lua through ioredis. Before each run the queue
 * holds exactly as many processed tickets as the run pops (autocannon `amount`).
 */
import { startRedisServer } from '@iq/testkit';
import { filler } from '../lib/fill.js';
import { bareApi, projectApi, stop, type HttpProcess } from '../lib/procs.js';
import { CONNECTIONS, compareLoad } from './submit.js';
import type { Scenario } from './types.js';

export const pop: Scenario = {
  name: 'pop',
  describe: 'GET /tickets/next, 64 connections, vs the same pop Lua through ioredis',
  async run(ctx) {
    const n = Math.max(2000, Math.min(ctx.tickets, 20_000));
    const redis = await startRedisServer();
    const fill = filler(redis.url);
    const procs: HttpProcess[] = [];
    try {
      const [api, bare] = [await projectApi(redis.url), await bareApi(redis.url)];
      procs.push(api, bare);
      const refill = async () => {
        await redis.client.flushall();
        await fill.processed(n);
      };
      const r = await compareLoad(ctx, refill, [`${api.url}/tickets/next`], [`${bare.url}/tickets/next`], { connections: CONNECTIONS, amount: n, method: 'GET' }, 'GET /tickets/next');
      return [
        {
          scenario: 'pop',
          path: `GET /tickets/next, ${CONNECTIONS} connections, ${n} pops`,
          baseline: 'bare node:http + the same pop-next Lua via ioredis',
          unit: 'pops/s',
          higherIsBetter: true,
          project: r.a,
          bare: r.b,
        },
      ];
    } finally {
      await Promise.all(procs.map(stop));
      await fill.close();
      await redis.stop();
    }
  },
};
