import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import type { GraphQLContext } from './builder.js';
import { schema } from './schema.js';
import { useDocumentSizeLimit } from './use-document-size-limit.js';

export interface ServerContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

export type Yoga = YogaServerInstance<ServerContext, GraphQLContext>;

/**
 * graphql-yoga with GraphiQL (bundled), SSE subscriptions and operation limits (document size,
 * token count, depth) applied before execution. Unexpected errors are masked: clients
 * see "Unexpected error.", the log sees the cause.
 */
export function createGraphQLServer(services: Services): Yoga {
  const { config, log } = services;
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    context: () => ({ services }),
    maskedErrors: { isDev: false },
    // CORS is the Fastify app's (CORS_ORIGINS); yoga's default would echo any origin.
    cors: false,
    landingPage: false,
    graphiql: { title: 'Intelligent Queue', subscriptionsProtocol: 'SSE' },
    // The bundled GraphiQL works offline; the default one loads its assets from a CDN.
    renderGraphiQL,
    logging: {
      debug: (...args) => log.debug(args.map(String).join(' ')),
      info: (...args) => log.info(args.map(String).join(' ')),
      warn: (...args) => log.warn(args.map(String).join(' ')),
      error: (...args) => log.error({ err: args.find((a) => a instanceof Error) }, args.map(String).join(' ')),
    },
    plugins: [
      useDocumentSizeLimit(config.GRAPHQL_MAX_DOCUMENT_BYTES),
      maxTokensPlugin({ n: config.GRAPHQL_MAX_TOKENS }),
      maxDepthPlugin({ n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true }),
    ],
  });
}
