import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { readTeamQueueSnapshots, type Metrics } from '@iq/core';
import type { Services } from './services.js';

export const METRICS_PATH = '/metrics';

/**
 * Serves the API's Prometheus metrics (`services.metrics`, its own registry) at GET /metrics
 * (access: route-access.ts). Tickets accepted and popped are counted by the intake and the
 * store, where REST and GraphQL both go; this adds what only the HTTP layer knows (request
 * durations by route pattern and status, open SSE streams) and the queue gauges of every
 * team queue (a `team` label), read from Redis at scrape time.
 */
export function registerMetrics(app: FastifyInstance, services: Services, opts: { sseStreams: () => number }): Metrics {
  const { metrics } = services;
  metrics.addQueueGauges(
    () =>
      readTeamQueueSnapshots(services.redis, services.jobs.teams, (error, team) =>
        services.log.debug({ err: error, team }, "a team's queue gauges not read for this scrape"),
      ),
    (error) => services.log.debug({ err: error }, 'queue gauges not read for this scrape'),
  );
  metrics.addGauge('iq_sse_streams', 'GraphQL subscriptions open over SSE on this API', opts.sseStreams);

  app.addHook('onResponse', async (request, reply) => {
    // An SSE stream lasts as long as its subscriber: its "duration" is not a request's.
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
    const startedAt = request.requestContext?.startedAt;
    const seconds = startedAt === undefined ? reply.elapsedTime / 1000 : (performance.now() - startedAt) / 1000;
    // The route's pattern (`/jobs/:job_id`), never the raw URL: one series per route, not per id.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequestSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
  });

  app.get(METRICS_PATH, { schema: { hide: true } }, async (_request, reply) => {
    const { contentType, body } = await metrics.scrape();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
  return metrics;
}
