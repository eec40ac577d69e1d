import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';

/** The activity log, newest first. */
export const activityRoutes =
  ({ activity }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/activity',
      {
        schema: {
          tags: ['activity'],
          summary: 'Recent activity events, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        },
      },
      async (request) => ({ events: await activity.recent(request.query.limit) }),
    );
  };
