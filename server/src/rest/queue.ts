import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { examples, ticketExample } from './openapi-examples.js';

/** The processed queue: size, the list in pop order, clearing. */
export const queueRoutes =
  ({ store, config }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const listQuery = z.object({
      limit: z.coerce.number().int().min(1).max(config.QUEUE_LIST_MAX).default(config.QUEUE_LIST_MAX),
      offset: z.coerce.number().int().min(0).default(0),
    });

    app.get(
      '/queue/size',
      { schema: { tags: ['queue'], summary: 'Number of processed tickets waiting to be popped', description: 'Answers `{"size": n}`.' } },
      async () => ({ size: await store.size() }),
    );

    app.get(
      '/queue',
      {
        schema: {
          tags: ['queue'],
          summary: 'Processed tickets in pop order (read-only)',
          description:
            `A JSON array of processed tickets, most urgent first (S, then arrival), as the original service returned it: ` +
            `the whole queue, up to ${config.QUEUE_LIST_MAX} tickets (QUEUE_LIST_MAX). \`limit\` and \`offset\` page through ` +
            `longer queues; the \`X-Total-Count\` header always holds the size of the whole queue.\n\n` +
            examples({ 'GET /queue?limit=1': [ticketExample] }),
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const { size, tickets } = await store.page(request.query.offset, request.query.limit);
        return reply.header('x-total-count', String(size)).send(tickets);
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
