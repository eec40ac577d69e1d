import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkHealth } from '../health.js';
import type { Services } from '../services.js';

export const healthRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/health', { schema: { tags: ['health'], summary: 'Redis, scorer and worker status (503 when Redis is down)' } }, async (_request, reply) => {
      const report = await checkHealth(services);
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    });
  };
