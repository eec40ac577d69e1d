import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORIES, QUEUE_SEARCH_MAX_LENGTH, QUEUE_SORTS, parseTeamList, queueFilterSchema, teamNameSchema } from '@iq/core';
import type { Services } from '../services.js';
import { examples, ticketExample } from './openapi-examples.js';

/** The processed queue: size, the list (filtered, sorted, paged), counts by S, clearing. */
export const queueRoutes =
  ({ tickets, views, teams, jobs, config }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    /** `?team=`: one configured team, or every team when absent. */
    const oneTeam = (team: string | undefined) => parseTeamList(team, teams.names, ['query', 'team'])?.[0];
    const teamQuery = z.object({ team: teamNameSchema.optional() });
    const listQuery = queueFilterSchema.extend({
      limit: z.coerce.number().int().min(1).max(config.QUEUE_LIST_MAX).default(config.QUEUE_LIST_MAX),
      offset: z.coerce.number().int().min(0).default(0),
    });
    const summaryQuery = teamQuery.extend({ high: z.coerce.number().min(0).max(1).optional() });

    app.get(
      '/queue/size',
      {
        schema: {
          tags: ['queue'],
          summary: 'Number of processed tickets waiting to be popped',
          description: `Answers \`{"size": n}\` for every team; \`?team=\` counts one team's queue (${teams.names.join(', ')}).`,
          querystring: teamQuery,
        },
      },
      async (request) => {
        const team = oneTeam(request.query.team);
        return { size: await tickets.size(team === undefined ? null : [team]) };
      },
    );

    app.get(
      '/queue/teams',
      {
        schema: {
          tags: ['queue'],
          summary: 'Each team queue: tickets waiting to be popped, and its jobs waiting, active and failed',
          description: examples({
            'GET /queue/teams': { teams: [{ team: 'billing', size: 3, waiting: 0, active: 1, failed: 0 }], size: 3, waiting: 0, active: 1, failed: 0 },
          }),
        },
      },
      async () => {
        const { teams: each, ...total } = await jobs.stats();
        return { teams: each, ...total };
      },
    );

    app.get(
      '/queue/summary',
      {
        schema: {
          tags: ['queue'],
          summary: 'How many queued tickets per tenth of S, how many urgent, how many above a threshold',
          description:
            '`bins` counts S in [0, 0.1), [0.1, 0.2), …, [0.9, 1]; `urgent` counts S ≥ 0.5; `high` counts S above `high` ' +
            '(e.g. the webhook threshold; null when not asked). S is compared to four decimals, as the queue orders it. ' +
            'Counted in Redis (one ZCOUNT each), however long the queue.\n\n' +
            examples({ 'GET /queue/summary?high=0.8': { size: 12, bins: [0, 1, 2, 1, 0, 3, 1, 2, 1, 1], urgent: 8, high: 2 } }),
          querystring: summaryQuery,
        },
      },
      async (request) => views.summary(request.query.high ?? null, oneTeam(request.query.team)),
    );

    app.get(
      '/queue',
      {
        schema: {
          tags: ['queue'],
          summary: 'Processed tickets in pop order, or filtered and sorted (read-only)',
          description:
            `A JSON array of processed tickets, most urgent first (S, then arrival), as the original service returned it: ` +
            `the whole queue, up to ${config.QUEUE_LIST_MAX} tickets (QUEUE_LIST_MAX). \`limit\` and \`offset\` page through ` +
            `longer queues. \`category\` (${CATEGORIES.join(', ')}) and \`search\` (up to ${QUEUE_SEARCH_MAX_LENGTH} characters, ` +
            `found in the ticket id, subject, body or customer id; case-insensitive for ASCII letters) filter it; \`sort\` ` +
            `(${QUEUE_SORTS.join(', ')}) orders it by pop order or by arrival. \`X-Total-Count\` holds how many tickets the ` +
            `filter matches (the whole queue without one) and \`X-Queue-Size\` the size of the whole queue. A filter or an ` +
            `age sort reads the whole queue in Redis (about 10 ms per 10,000 tickets).\n\n` +
            examples({ 'GET /queue?limit=1': [ticketExample] }),
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const team = oneTeam(request.query.team);
        const page = await views.list({ ...request.query, ...(team === undefined ? {} : { team }) });
        return reply.header('x-total-count', String(page.matching)).header('x-queue-size', String(page.size)).send(page.tickets);
      },
    );

    app.delete(
      '/queue',
      {
        schema: {
          tags: ['queue'],
          summary: 'Empty the processed queue (waiting jobs are kept)',
          description: examples({ 'DELETE /queue': { status: 'queue cleared', cleared: 3 } }),
        },
      },
      async () => ({ status: 'queue cleared', cleared: await tickets.clear() }),
    );
  };
