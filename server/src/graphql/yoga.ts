import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestAccess } from '../access/request-access.js';
import type { RequestContext } from '../request-context.js';
import type { Services } from '../services.js';
import type { GraphQLContext } from './builder.js';
import { schema } from './schema.js';
import { useDocumentSizeLimit } from './use-document-size-limit.js';
import { useOperationLimits } from './limits/operation-limits.js';
import { schemaDiscoveryEnabled, useNoSchemaDiscovery } from './limits/schema-discovery.js';
import { useSubmissionCap } from './limits/submission-cap.js';
import { useTokenLimit } from './limits/token-limit.js';
import { domainGraphQLError } from './domain-errors.js';
import { createGraphQLErrorLog } from './error-log.js';
import { GRAPHIQL_EXAMPLES } from './graphiql-examples.js';

/** What each transport hands yoga: who is calling, already authenticated (access hook, or the socket's connection_init). */
export interface ServerContext {
  requestContext: RequestContext;
  access: RequestAccess;
  req?: FastifyRequest;
  reply?: FastifyReply;
}

export type Yoga = YogaServerInstance<ServerContext, GraphQLContext>;

/**
 * graphql-yoga with GraphiQL (bundled), SSE subscriptions and operation limits (document size,
 * tokens, depth, aliases, directives, cost, tickets submitted) applied before execution.
 * Unexpected errors are masked: clients see "Unexpected error.", the log sees the cause;
 * the domain's errors (a Redis outage, invalid input) are rendered by domainGraphQLError.
 */
export function createGraphQLServer(services: Services): Yoga {
  const { config, log } = services;
  const discoverable = schemaDiscoveryEnabled(config);
  // The domain's errors (an outage, invalid input) are expected and rendered: a warning.
  const errorLog = createGraphQLErrorLog(log, (error) =>
    domainGraphQLError(error) ? 'warn' : maskError(error, 'Unexpected error.', false) !== error ? 'error' : undefined,
  );
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ access, requestContext }) => ({ services, access, requestContext }),
    maskedErrors: {
      isDev: false,
      maskError: (error, message, isDev) => domainGraphQLError(error) ?? maskError(error, message, isDev),
    },
    // CORS is the Fastify app's (CORS_ORIGINS); yoga's default would echo any origin.
    cors: false,
    landingPage: false,
    // GraphiQL reads the schema by introspection (docs, completion, checks); with introspection
    // off it could only show a schema error, so it goes too.
    graphiql: discoverable ? { title: 'Intelligent Queue', subscriptionsProtocol: 'SSE', defaultQuery: GRAPHIQL_EXAMPLES } : false,
    // The bundled GraphiQL works offline; the default one loads its assets from a CDN. Its
    // bundle is ~28 MiB of strings once loaded, so it is imported on the first page request,
    // not at start-up.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    logging: errorLog.logger,
    plugins: [
      // First, so it sees the errors before they are masked (yoga masks after every plugin).
      errorLog.plugin,
      useDocumentSizeLimit(config.GRAPHQL_MAX_DOCUMENT_BYTES),
      useTokenLimit(config.GRAPHQL_MAX_TOKENS),
      useOperationLimits({
        maxDepth: config.GRAPHQL_MAX_DEPTH,
        maxAliases: config.GRAPHQL_MAX_ALIASES,
        maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
        maxCost: config.GRAPHQL_MAX_COST,
      }),
      useSubmissionCap(services.limits.batchMaxItems, config.GRAPHQL_MAX_LIST_ITEMS),
      ...(discoverable ? [] : useNoSchemaDiscovery()),
    ],
  });
}
