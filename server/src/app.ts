import type { ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { jobIdMaxLength } from '@iq/core';
import type { Services } from './services.js';
import { registerErrorHandling } from './rest/errors.js';
import { registerJsonBodyParser } from './rest/json-body.js';
import { registerUnknownRoutes } from './rest/unknown-routes.js';
import { documentResponses } from './rest/openapi-responses.js';
import { zodValidatorCompiler } from './rest/validator.js';
import { ticketRoutes } from './rest/tickets.js';
import { queueRoutes } from './rest/queue.js';
import { queuedTicketRoutes } from './rest/queued-ticket.js';
import { jobRoutes } from './rest/jobs.js';
import { activityRoutes } from './rest/activity.js';
import { healthRoutes } from './rest/health.js';
import { urgencyRoutes } from './rest/urgency.js';
import { urgencyOverrideRoutes } from './rest/urgency-override.js';
import { claimRoutes } from './rest/claims.js';
import { webhookRoutes } from './rest/webhooks.js';
import { createGraphQLServer } from './graphql/yoga.js';
import { attachGraphQLWebSocket } from './graphql/websocket.js';
import { serveDashboard } from './dashboard.js';
import { mountJobBoard } from './job-board.js';
import { applyHttpLimits, httpServerOptions } from './http-limits.js';
import { allowInlineScriptsOf, registerHardening } from './hardening.js';
import { registerAccessHook } from './access/access-hook.js';
import { createRateLimits } from './access/rate-limits.js';
import { REQUEST_ID_HEADER, createRequestContexts, requestIdFrom } from './request-context.js';
import { registerMetrics } from './metrics.js';
import { schemaDiscoveryEnabled } from './graphql/limits/schema-discovery.js';

/** A hop count, as proxy-addr reads it: the first `hops` proxies in front are trusted. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/**
 * Builds the HTTP app: the dashboard at /, the REST shim (with OpenAPI at /openapi.json
 * and Swagger UI at /docs) and GraphQL at /graphql over HTTP, SSE and WebSocket. Does
 * not listen, so tests can start it on port 0.
 */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const { config, log } = services;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Per-request lines would drown the worker's log at queue-scale traffic.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.TICKET_REQUEST_MAX_BYTES,
    return503OnClosing: true,
    // Fastify would take any X-Request-Id as it is; requestIdFrom takes only a sane one.
    requestIdHeader: false,
    genReqId: (request) => requestIdFrom(request.headers),
    // Job ids of long non-ASCII ticket ids are long; the default (100) would answer 414.
    routerOptions: { maxParamLength: jobIdMaxLength(services.limits.ticketIdMaxLength) },
    // Behind a reverse proxy, rate limits and logs must see the client, not the proxy.
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    ...httpServerOptions(config),
  });
  applyHttpLimits(app.server, config);
  // First of all hooks, so every answer carries it, refusals and 404s included.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Before any route, so its duration hook sees every one of them.
  const eventStreams = new Set<ServerResponse>();
  registerMetrics(app, services, { sseStreams: () => eventStreams.size });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBodyParser(app);
  registerErrorHandling(app);
  registerUnknownRoutes(app);

  // The original's frontend runs on another origin (its Vite dev server).
  const anyOrigin = config.CORS_ORIGINS.includes('*');
  await app.register(cors, {
    // Only listed origins are named back; `*` is sent as `*`, which browsers never combine with credentials.
    origin: anyOrigin ? '*' : config.CORS_ORIGINS,
    credentials: !anyOrigin,
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
    exposedHeaders: ['X-Total-Count', 'X-Request-Id'],
    maxAge: 600,
  });

  await registerHardening(app);
  const rateLimits = await createRateLimits(app, services);
  const contexts = createRequestContexts(config, services.access, rateLimits);
  registerAccessHook(app, contexts, schemaDiscoveryEnabled(config));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Intelligent Queue — REST compatibility API',
        description: 'Submit support tickets, pop the most urgent. GraphQL lives at /graphql.',
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
    // Each operation's real statuses, schemas and examples (see openapi-responses.ts).
    transformObject: (documents) => ('openapiObject' in documents ? documentResponses(documents.openapiObject) : documents.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const routes of [ticketRoutes, queueRoutes, queuedTicketRoutes, jobRoutes, activityRoutes, healthRoutes, urgencyRoutes, urgencyOverrideRoutes, claimRoutes, webhookRoutes]) {
    await app.register(routes(services));
  }

  const yoga = createGraphQLServer(services);
  app.route({
    url: yoga.graphqlEndpoint,
    // Preflight (OPTIONS) is answered by @fastify/cors, like every other path.
    method: ['GET', 'POST'],
    bodyLimit: config.BATCH_REQUEST_MAX_BYTES,
    schema: { hide: true },
    handler: async (req, reply) => {
      // The access hook has authenticated every operation request; GraphiQL's page is
      // served without a caller (accessOf gives it one with no roles).
      const { requestContext } = req;
      const access = contexts.accessOf(requestContext);
      const response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply, requestContext, access });
      response.headers.forEach((value, key) => void reply.header(key, value));
      reply.status(response.status);
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.startsWith('text/event-stream')) {
        eventStreams.add(reply.raw);
        reply.raw.once('close', () => eventStreams.delete(reply.raw));
      }
      if (contentType.startsWith('text/html')) {
        const html = await response.text();
        allowInlineScriptsOf(reply, html);
        return reply.send(html);
      }
      if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
        // A result is complete when yoga answers: as a string it is sent in one write with
        // a Content-Length (and compressed above 1 KiB, as REST answers are), where the
        // stream cost a chunked write per piece and a compression stream per response.
        return reply.send(await response.text());
      }
      reply.send(response.body);
      return reply;
    },
  });
  const closeJobBoard = await mountJobBoard(app, services);
  await serveDashboard(app, config.WEB_DIST_DIR);

  const ws = attachGraphQLWebSocket(app.server, yoga, {
    maxDocumentBytes: config.GRAPHQL_MAX_DOCUMENT_BYTES,
    maxMessageBytes: config.BATCH_REQUEST_MAX_BYTES,
    contexts,
  });
  // Subscriptions never end on their own, and server.close() waits for every open
  // connection: end them first (clients reconnect, to another instance if there is one).
  app.addHook('preClose', async () => {
    await ws.close();
    for (const stream of eventStreams) stream.destroy();
    await closeJobBoard();
  });
  return app;
}
