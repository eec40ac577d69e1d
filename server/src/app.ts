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
import { zodValidatorCompiler } from './rest/validator.js';
import { ticketRoutes } from './rest/tickets.js';
import { queueRoutes } from './rest/queue.js';
import { jobRoutes } from './rest/jobs.js';
import { activityRoutes } from './rest/activity.js';
import { healthRoutes } from './rest/health.js';
import { urgencyRoutes } from './rest/urgency.js';
import { createGraphQLServer } from './graphql/yoga.js';
import { attachGraphQLWebSocket } from './graphql/websocket.js';
import { serveDashboard } from './dashboard.js';
import { applyHttpLimits, httpServerOptions } from './http-limits.js';

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
    // Job ids of long non-ASCII ticket ids are long; the default (100) would answer 414.
    routerOptions: { maxParamLength: jobIdMaxLength(services.limits.ticketIdMaxLength) },
    ...httpServerOptions(config),
  });
  applyHttpLimits(app.server, config);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBodyParser(app);
  registerErrorHandling(app);
  registerUnknownRoutes(app);

  // The original's frontend runs on another origin (its Vite dev server). `*` behaves as
  // Starlette's allow_origins=["*"] with credentials did: the caller's origin is echoed,
  // since browsers refuse a literal `*` on a request that carries credentials.
  await app.register(cors, {
    origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['X-Total-Count'],
    maxAge: 600,
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Intelligent Queue — REST compatibility API',
        description: 'Submit support tickets, pop the most urgent. GraphQL lives at /graphql.',
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const routes of [ticketRoutes, queueRoutes, jobRoutes, activityRoutes, healthRoutes, urgencyRoutes]) {
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
      const response = await yoga.handleNodeRequestAndResponse(req, reply, { req, reply });
      response.headers.forEach((value, key) => void reply.header(key, value));
      reply.status(response.status);
      reply.send(response.body);
      return reply;
    },
  });
  await serveDashboard(app, config.WEB_DIST_DIR);

  const ws = attachGraphQLWebSocket(app.server, yoga, { maxDocumentBytes: config.GRAPHQL_MAX_DOCUMENT_BYTES });
  app.addHook('onClose', async () => ws.close());
  return app;
}
