import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The processed queue: size, pages in pop order, clearing. */
export const queueRoutes =
  ({ store }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/queue/size', { schema: { tags: ['queue'], summary: 'Number of processed tickets waiting to be popped' } }, async () => ({
      size: await store.size(),
    }));

    app.get('/queue', { schema: { tags: ['queue'], summary: 'Processed tickets in pop order', querystring: pageQuery } }, async (request) =>
      store.page(request.query.offset, request.query.limit),
    );

    app.delete('/queue', { schema: { tags: ['queue'], summary: 'Empty the processed queue (waiting jobs are kept)' } }, async () => ({
      cleared: await store.clear(),
    }));
  };
