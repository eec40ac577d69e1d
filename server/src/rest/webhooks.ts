import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT, listDeliveries } from '@iq/core';
import type { Services } from '../services.js';
import { deliveryExample, examples } from './openapi-examples.js';


/** The webhook delivery log the workers write: the last deliveries, newest first. */
export const webhookRoutes =
  ({ redis, keys }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/webhooks/deliveries',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'The last webhook deliveries, newest first',
          description:
            'Each alert (an urgent ticket, or its escalation) is one delivery with its tries: `status` is `pending`, ' +
            '`sending`, `retrying`, `delivered` or `failed`; `attempts` counts the tries started; `response_code` is the ' +
            'last try\'s HTTP status (null without an answer); `last_error` is the last failed try\'s error, kept once a ' +
            'later try succeeds. `url_host` is the webhook URL\'s host only, never its path. The workers keep the last ' +
            'WEBHOOK_LOG_SIZE deliveries (200 by default); ' +
            `\`limit\` is 1–${PAGE_MAX_LIMIT}, default ${PAGE_DEFAULT_LIMIT}.\n\n` +
            examples({ 'GET /webhooks/deliveries?limit=1': { deliveries: [deliveryExample] } }),
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(PAGE_MAX_LIMIT).default(PAGE_DEFAULT_LIMIT) }),
        },
      },
      async (request) => ({ deliveries: await listDeliveries(redis, keys, request.query.limit) }),
    );
  };
