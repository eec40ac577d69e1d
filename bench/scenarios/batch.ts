/**
 * Batches of 1,000 tickets: POST /tickets/batch and GraphQL submitBatch on the project's
 * API process against the bare server's addBulk (same jobs, same options), 8 connections,
 * 40 requests per run, autocannon in a child process. Figures in tickets/s (requests/s × 1,000).
 */
import { startRedisServer } from '@iq/testkit';
import { bareApi, projectApi, stop, type HttpProcess } from '../lib/procs.js';
import { anonymousTicket } from '../lib/tickets.js';
import { compareLoad } from './submit.js';
import type { Row, Sample, Scenario } from './types.js';

const SIZE = 1000;
const CONNECTIONS = 8;
const SUBMIT_BATCH = 'mutation ($input: [TicketInput!]!) { submitBatch(input: $input) { ticketId jobId duplicate } }';

const perTicket = (s: Sample): Sample => ({ ...s, value: s.value * SIZE });

export const batch: Scenario = {
  name: 'batch',
  describe: 'POST /tickets/batch and GraphQL submitBatch of 1,000 vs addBulk',
  async run(ctx) {
    const redis = await startRedisServer();
    const procs: HttpProcess[] = [];
    const flush = () => redis.client.flushall();
    const rows: Row[] = [];
    try {
      const [api, bare] = [await projectApi(redis.url), await bareApi(redis.url)];
      procs.push(api, bare);
      const tickets = Array.from({ length: SIZE }, (_, i) => anonymousTicket(i));
      // A fixed number of requests: a batch takes about a second under this load, too long for short timed runs.
      const opts = { connections: CONNECTIONS, amount: ctx.quick ? 16 : 40, method: 'POST' } as const;
      const rest = await compareLoad(ctx, flush, [`${api.url}/tickets/batch`], [`${bare.url}/tickets/batch`], { ...opts, body: JSON.stringify(tickets) }, 'POST /tickets/batch');
      rows.push({
        scenario: 'batch',
        path: `POST /tickets/batch of ${SIZE}, ${CONNECTIONS} connections`,
        baseline: 'bare node:http + queue.addBulk',
        unit: 'tickets/s',
        higherIsBetter: true,
        project: rest.a.map(perTicket),
        bare: rest.b.map(perTicket),
      });
      const gqlBody = JSON.stringify({ query: SUBMIT_BATCH, variables: { input: tickets } });
      const gql = await compareLoad(ctx, flush, [`${api.url}/graphql`], [`${bare.url}/graphql`], { ...opts, body: gqlBody }, 'GraphQL submitBatch');
      rows.push({
        scenario: 'batch',
        path: `GraphQL submitBatch of ${SIZE}, ${CONNECTIONS} connections`,
        baseline: 'the same bare server (addBulk)',
        unit: 'tickets/s',
        higherIsBetter: true,
        project: gql.a.map(perTicket),
        bare: gql.b.map(perTicket),
      });
    } finally {
      await Promise.all(procs.map(stop));
      await redis.stop();
    }
    return rows;
  },
};
