import type { Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AccessSetup } from '../access/access-setup.js';
import { authenticate } from '../access/authenticate.js';
import { crossSiteRefusal, foreignHost, type OriginPolicy } from '../access/browser-origin.js';
import type { RateLimits } from '../access/rate-limits.js';
import { requestAccess, type RequestAccess } from '../access/request-access.js';
import { documentSizeError } from './use-document-size-limit.js';
import type { Yoga } from './yoga.js';

/** graphql-ws closes a socket whose connection_init carries no valid key with this code. */
export const CLOSE_UNAUTHORIZED = 4401;

export interface WebSocketOptions {
  maxDocumentBytes: number;
  /** The largest message a client may send (the same bound as a /graphql body); ws's own default is 100 MiB. */
  maxMessageBytes: number;
  access: AccessSetup;
  rateLimits: RateLimits;
  origins: OriginPolicy;
}

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

/**
 * Serves the graphql-ws protocol on the HTTP server's `/graphql` upgrade requests,
 * executing through yoga's envelop so both transports share plugins and limits.
 */
export function attachGraphQLWebSocket(
  server: Server,
  yoga: Yoga,
  limits: WebSocketOptions,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: limits.maxMessageBytes,
    // Browsers always send Origin on a WebSocket upgrade and never ask CORS first, so a
    // page on any site could open one with the agent's network position: refuse foreign ones.
    verifyClient: ({ req }, done) => {
      const refused = foreignHost(req.headers, limits.origins) ?? crossSiteRefusal(req.headers, limits.origins);
      done(refused === undefined, 403, 'Forbidden');
    },
  });
  // Who each socket is, from its connection_init; every operation on it runs as that caller.
  const callers = new WeakMap<object, RequestAccess>();
  const disposable = useServer(
    {
      onConnect: (ctx) => {
        const authentication = authenticate(ctx.connectionParams?.authorization, limits.access);
        if (!authentication.ok) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        callers.set(ctx.extra, requestAccess(authentication.principal, ctx.extra.request.socket.remoteAddress, limits.rateLimits));
        return true;
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onSubscribe: async (ctx, _id, params) => {
        // yoga's onParams hooks (the document size limit) do not run on this path.
        const tooLarge = documentSizeError(params.query, limits.maxDocumentBytes);
        if (tooLarge) return [tooLarge];
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          access: callers.get(ctx.extra)!,
        });
        // A syntax error or an operation past the limits (tokens, depth) throws here;
        // answer that one operation with an error instead of letting graphql-ws close
        // the whole socket (4500) and every other subscription on it.
        let document: ReturnType<typeof parse>;
        try {
          document = parse(params.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies EnvelopedRoot,
        };
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
