import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORIES, QUEUE_SEARCH_MAX_LENGTH, QUEUE_SORTS, queueFilterSchema } from '@iq/core';
import type { Services } from '../services.js';
import { examples, ticketExample } from './openapi-examples.js';

/** The processed queue: size, the list (filtered, sorted, paged), counts by S, clearing. */
export const queueRoutes =
  ({ store, reader, config }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const listQuery = queueFilterSchema.extend({
      limit: z.coerce.number().int().min(1).max(config.QUEUE_LIST_MAX).default(config.QUEUE_LIST_MAX),
      offset: z.coerce.number().int().min(0).default(0),
    });
    const summaryQuery = z.object({ high: z.coerce.number().min(0).max(1).optional() });

    app.get(
      '/queue/size',
      { schema: { tags: ['queue'], summary: 'Number of processed tickets waiting to be popped', description: 'Answers `{"size": n}`.' } },
      async () => ({ size: await store.size() }),
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
      async (request) => reader.summary(request.query.high ?? null),
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
        const { size, matching, tickets } = await reader.list(request.query);
        return reply.header('x-total-count', String(matching)).header('x-queue-size', String(size)).send(tickets);
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
      async () => ({ status: 'queue cleared', cleared: await store.clear() }),
    );
  };
