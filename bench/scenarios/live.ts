/**
 * Live delivery: activity events published at a steady rate with the same Lua the worker's
 * store script includes (emit-activity: XADD + PUBLISH on the activity channel), timed
 * from publish to arrival at every subscriber (subscribers in a child process of their
 * own). Project: GraphQL `Subscription.activity` through the API process, over SSE (50
 * subscribers) and graphql-ws (100). Baseline: the same number of raw Redis SUBSCRIBE
 * connections on the channel. Figures: p99 latency per arm (p50 alongside).
 */
import { Redis } from 'ioredis';
import { scriptRunner } from '@iq/core';
import { startRedisServer } from '@iq/testkit';
import { interleave } from '../lib/interleave.js';
import { keys, shared } from '../lib/project.js';
import { projectApi, stop, type HttpProcess } from '../lib/procs.js';
import { subscribers } from '../lib/subscribers.js';
import type { Ctx, Row, Sample, Scenario } from './types.js';

const RATE = 100; // events per second

async function measure(ctx: Ctx, publisher: Redis, mode: 'sse' | 'ws' | 'redis', url: string, count: number, events: number, label: string): Promise<Sample> {
  const run = scriptRunner(publisher);
  const subs = subscribers({ mode, count, url, channel: keys.activityChannel, events, timeoutMs: 15_000 + (events / RATE) * 1000 });
  await subs.ready;
  for (let i = 0; i < events; i++) {
    const sent = performance.timeOrigin + performance.now();
    await run('emitActivity', [keys.activity], [keys.activityChannel, shared.ACTIVITY_MAXLEN, new Date().toISOString(), 'ticket_popped', JSON.stringify({ ticket_id: `bench-${sent}`, urgency_score: 0.5 })]);
    await new Promise((r) => setTimeout(r, 1000 / RATE));
  }
  const r = await subs.result;
  ctx.log(`${label}: ${r.received}/${r.expected} delivered, p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} max ${r.max.toFixed(1)} ms`);
  if (r.received < r.expected) throw new Error(`${label}: only ${r.received} of ${r.expected} deliveries arrived`);
  return { value: r.p99, p50: r.p50, p99: r.p99 };
}

export const live: Scenario = {
  name: 'live',
  describe: 'activity event → 50 SSE / 100 graphql-ws subscribers vs raw Redis SUBSCRIBE',
  async run(ctx) {
    const events = ctx.quick ? 50 : 300;
    const redis = await startRedisServer();
    const publisher = new Redis(redis.url);
    const procs: HttpProcess[] = [];
    const rows: Row[] = [];
    try {
      const api = await projectApi(redis.url);
      procs.push(api);
      for (const [mode, count] of [['sse', 50], ['ws', 100]] as const) {
        const label = (which: string, round: number) => `${mode} ×${count} ${which} round ${round}`;
        await measure(ctx, publisher, mode, api.url, count, 20, label('project warm-up', -1));
        const r = await interleave(
          ctx.rounds,
          (round) => measure(ctx, publisher, mode, api.url, count, events, label('project', round)),
          (round) => measure(ctx, publisher, 'redis', redis.url, count, events, label('raw SUBSCRIBE', round)),
        );
        rows.push({
          scenario: 'live',
          path: `activity event → ${count} ${mode === 'sse' ? 'SSE' : 'graphql-ws'} subscribers (p99)`,
          baseline: `${count} raw Redis SUBSCRIBE connections`,
          unit: 'ms',
          higherIsBetter: false,
          project: r.a,
          bare: r.b,
          note: `${events} events at ${RATE}/s, published with the emit-activity Lua the worker uses`,
        });
      }
    } finally {
      await Promise.all(procs.map(stop));
      publisher.disconnect();
      await redis.stop();
    }
    return rows;
  },
};
