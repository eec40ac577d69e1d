import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActivityEvent } from '@iq/core';
import type { Services } from '../services.js';
import { examples } from './openapi-examples.js';

/** When the event happened; its stream id holds the same instant to the millisecond. */
const epochSeconds = (event: ActivityEvent) => (Date.parse(event.ts) || Number(event.id.split('-')[0])) / 1000;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 200;

/**
 * The activity log as the original served it: oldest first (its frontend reverses the
 * list), `ts` in epoch seconds, and a `limit` outside 1–200 quietly meaning 100.
 */
export const activityRoutes =
  ({ views }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/activity',
      {
        schema: {
          tags: ['activity'],
          summary: 'Recent activity events, oldest first',
          description:
            `The most recent \`limit\` events (default ${DEFAULT_LIMIT}; a value outside 1–${MAX_LIMIT} means ${DEFAULT_LIMIT}), ` +
            'oldest first, newest last. `ts` is epoch seconds; `id` is the Redis stream id, followed by `-<team>` for an event of a team queue (each team has its own stream).\n\n' +
            examples({
              'GET /activity?limit=2': {
                events: [
                  { ts: 1764671405.123, type: 'ticket_accepted', data: { ticket_id: 'T-1001', job_id: 'T-1001~1' }, id: '1764671405123-0' },
                  {
                    ts: 1764671405.311,
                    type: 'ticket_processed',
                    data: { ticket_id: 'T-1001', job_id: 'T-1001~1', urgency_score: 0.93, category: 'Billing', is_urgent: true, priority_score: 9 },
                    id: '1764671405311-0',
                  },
                ],
              },
            }),
          querystring: z.object({
            limit: z.coerce
              .number()
              .int()
              .default(DEFAULT_LIMIT)
              .transform((n) => (n >= 1 && n <= MAX_LIMIT ? n : DEFAULT_LIMIT)),
          }),
        },
      },
      async (request) => {
        const newestFirst = await views.recentActivity(request.query.limit);
        return {
          events: newestFirst.reverse().map((e) => ({ ts: epochSeconds(e), type: e.type, data: e.data, id: e.id })),
        };
      },
    );
  };
