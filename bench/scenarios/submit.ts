/**
 * Submission under load (autocannon in a child process, 64 connections, no worker):
 * POST /tickets and GraphQL submitTicket on the project's API process against a bare
 * node:http + BullMQ queue.add process (same queue, prefix, job options); then the API
 * scale curve: POST /tickets over 1 and 2 API processes against 1 and 2 bare ones.
 * FLUSHALL before every run.
 */
import { startRedisServer } from '@iq/testkit';
import { interleave } from '../lib/interleave.js';
import { load, type LoadOptions } from '../lib/loadgen.js';
import { bareApi, projectApi, stop, type HttpProcess } from '../lib/procs.js';
import { anonymousTicket } from '../lib/tickets.js';
import type { Ctx, Row, Sample, Scenario } from './types.js';

export const CONNECTIONS = 64;

const SUBMIT_TICKET = 'mutation ($input: TicketInput!) { submitTicket(input: $input) { ticketId jobId duplicate } }';

const toSample = (r: { rate: number; p50: number; p99: number }): Sample => ({ value: r.rate, p50: r.p50, p99: r.p99 });

export async function compareLoad(
  ctx: Ctx,
  flush: () => Promise<unknown>,
  project: string[],
  bare: string[],
  opts: Omit<LoadOptions, 'url'>,
  label: string,
): Promise<{ a: Sample[]; b: Sample[] }> {
  const run = (urls: string[], which: string) => async (round: number) => {
    await flush();
    // A warm-up is short: a second, or a tenth of the requests.
    const warm = round < 0 ? (opts.amount ? { amount: Math.max(opts.connections, Math.round(opts.amount / 10)) } : { durationS: 1 }) : {};
    const r = await load({ ...opts, ...warm, url: urls.length === 1 ? urls[0]! : urls });
    ctx.log(`${label} ${which} round ${round}: ${r.rate.toFixed(0)}/s p50 ${r.p50} p99 ${r.p99} ms (${r.non2xx} non-2xx, ${r.errors} errors)`);
    if (r.non2xx + r.errors > r.ok * 0.01) throw new Error(`${label} ${which}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return toSample(r);
  };
  // Warm-up of both (JIT, connection pools), not recorded.
  await run(project, 'project warm-up')(-1);
  await run(bare, 'bare warm-up')(-1);
  return interleave(ctx.rounds, run(project, 'project'), run(bare, 'bare'));
}

export const submit: Scenario = {
  name: 'submit',
  describe: 'POST /tickets and GraphQL submitTicket, 64 connections; 1 and 2 API processes',
  async run(ctx) {
    const redis = await startRedisServer();
    const procs: HttpProcess[] = [];
    const flush = () => redis.client.flushall();
    const rows: Row[] = [];
    try {
      const [api, bare] = [await projectApi(redis.url), await bareApi(redis.url)];
      procs.push(api, bare);
      const body = JSON.stringify(anonymousTicket());
      const rest = { connections: CONNECTIONS, durationS: ctx.durationS, method: 'POST', body } as const;
      const restUrl = (p: HttpProcess) => `${p.url}/tickets`;
      const r1 = await compareLoad(ctx, flush, [restUrl(api)], [restUrl(bare)], rest, 'POST /tickets');
      rows.push({
        scenario: 'submit',
        path: `POST /tickets, ${CONNECTIONS} connections`,
        baseline: 'bare node:http + queue.add (same job options)',
        unit: 'req/s',
        higherIsBetter: true,
        project: r1.a,
        bare: r1.b,
        scale: { series: 'API processes', x: 1 },
      });

      const gqlBody = JSON.stringify({ query: SUBMIT_TICKET, variables: { input: anonymousTicket() } });
      const gql = await compareLoad(ctx, flush, [`${api.url}/graphql`], [`${bare.url}/graphql`], { ...rest, body: gqlBody }, 'GraphQL submitTicket');
      rows.push({
        scenario: 'submit',
        path: `GraphQL submitTicket, ${CONNECTIONS} connections`,
        baseline: 'the same bare server',
        unit: 'req/s',
        higherIsBetter: true,
        project: gql.a,
        bare: gql.b,
      });

      // Scale: a second process of each; autocannon spreads the connections over both.
      const [api2, bare2] = [await projectApi(redis.url), await bareApi(redis.url)];
      procs.push(api2, bare2);
      const r2 = await compareLoad(ctx, flush, [restUrl(api), restUrl(api2)], [restUrl(bare), restUrl(bare2)], rest, 'POST /tickets ×2 processes');
      rows.push({
        scenario: 'submit',
        path: `POST /tickets, ${CONNECTIONS} connections, 2 API processes`,
        baseline: '2 bare servers',
        unit: 'req/s',
        higherIsBetter: true,
        project: r2.a,
        bare: r2.b,
        scale: { series: 'API processes', x: 2 },
      });
    } finally {
      await Promise.all(procs.map(stop));
      await redis.stop();
    }
    return rows;
  },
};
