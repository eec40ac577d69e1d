import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { createMetrics, readQueueSnapshot, type Metrics } from '@iq/core';
import type { Services } from './services.js';

export const METRICS_PATH = '/metrics';

/**
 * The API's Prometheus metrics, on its own registry: tickets accepted and popped (counted
 * where REST and GraphQL both go, the intake and the store), HTTP request durations by
 * route pattern and status, the queue gauges read from Redis at scrape time, and open SSE
 * streams. Serves them at GET /metrics (access: route-access.ts).
 */
export function registerMetrics(app: FastifyInstance, services: Services, opts: { sseStreams: () => number }): Metrics {
  const metrics = createMetrics({ process: 'api' });
  countSubmissionsAndPops(services, metrics);
  metrics.addQueueGauges(
    () => readQueueSnapshot(services.redis, services.keys, services.queue),
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

/**
 * REST and GraphQL both submit through `services.intake` and pop through
 * `services.store.popNext`: counting there counts both, once. Only new tickets are
 * accepted ones (a duplicate was counted when first accepted); a pop of an empty queue
 * pops nothing.
 */
function countSubmissionsAndPops(services: Services, metrics: Metrics): void {
  const { intake, store } = services;
  const submit = intake.submit.bind(intake);
  intake.submit = async (inputs) => {
    const submissions = await submit(inputs);
    const fresh = submissions.reduce((n, s) => (s.duplicate ? n : n + 1), 0);
    if (fresh > 0) metrics.ticketsAccepted.inc(fresh);
    return submissions;
  };
  const popNext = store.popNext.bind(store);
  store.popNext = async () => {
    const ticket = await popNext();
    if (ticket) metrics.ticketsPopped.inc();
    return ticket;
  };
}
