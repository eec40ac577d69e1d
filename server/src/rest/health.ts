import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkHealth, redisAnswers } from '../health.js';
import type { Services } from '../services.js';
import { examples } from './openapi-examples.js';

export const healthRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness, exactly as the original: {"status": "ok"}',
          description: 'Answers `{"status": "ok"}`, or 503 `{"status": "unavailable"}` when Redis is unreachable. Details: `/health/details`.',
        },
      },
      async (_request, reply) => {
        const up = await redisAnswers(services);
        return reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable' });
      },
    );

    app.get(
      '/health/details',
      {
        schema: {
          tags: ['health'],
          summary: 'Redis, scorer and worker status (503 when Redis is down)',
          description: examples({
            'GET /health/details': {
              status: 'ok',
              redis: 'ok',
              model: 'vader-lexicon',
              scorer: { kind: 'lexicon', model: 'vader-lexicon', reason: 'URGENCY_SCORER=lexicon' },
              workers: { live: 1, last_heartbeat: '2026-12-02T10:30:05.000Z', models: ['vader-lexicon'], teams: [{ team: 'billing', live: 1 }], unserved: [] },
            },
          }),
        },
      },
      async (_request, reply) => {
        const report = await checkHealth(services);
        return reply.status(report.status === 'ok' ? 200 : 503).send(report);
      },
    );
  };
