import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RequestContext, RequestContexts } from '../request-context.js';
import { documentSizeError } from './use-document-size-limit.js';
import type { Yoga } from './yoga.js';

/** graphql-ws closes a socket whose connection_init carries no valid key with this code. */
export const CLOSE_UNAUTHORIZED = 4401;

export interface WebSocketOptions {
  maxDocumentBytes: number;
  /** The largest message a client may send (the same bound as a /graphql body); ws's own default is 100 MiB. */
  maxMessageBytes: number;
  contexts: RequestContexts;
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
  const { contexts } = limits;
  // Each socket's context, from its upgrade on: graphql-ws hands back the same request.
  const sockets = new WeakMap<IncomingMessage, RequestContext>();
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: limits.maxMessageBytes,
    // Browsers always send Origin on a WebSocket upgrade and never ask CORS first, so a
    // page on any site could open one with the agent's network position: refuse foreign ones.
    verifyClient: ({ req }, done) => {
      const context = contexts.open({ transport: 'websocket', ip: req.socket.remoteAddress });
      const refusal = contexts.hostRefusal(req.headers) ?? contexts.crossSiteRefusal(req.headers);
      if (refusal) return done(false, refusal.status, 'Forbidden');
      sockets.set(req, context);
      done(true);
    },
  });
  wss.on('connection', (socket, request) => coalesceWrites(socket, request));
  const disposable = useServer(
    {
      // The key comes in connection_init; every operation on the socket runs as that caller.
      onConnect: (ctx) => {
        const context = sockets.get(ctx.extra.request);
        if (!context || !contexts.authenticate(context, ctx.connectionParams?.authorization).ok) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        return true;
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onSubscribe: async (ctx, _id, params) => {
        // yoga's onParams hooks (the document size limit) do not run on this path.
        const tooLarge = documentSizeError(params.query, limits.maxDocumentBytes);
        if (tooLarge) return [tooLarge];
        const requestContext = sockets.get(ctx.extra.request)!;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          requestContext,
          access: contexts.accessOf(requestContext),
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

/**
 * Sends the messages of one event-loop turn in one write. A burst of activity events
 * reaches each socket as one message per event, and each message on its own would be a
 * system call (ws corks only the frame it is writing): during a 10,000-ticket burst the
 * API spent a seventh of its time in them, while a click's answer waited behind. The
 * socket is corked at a turn's first message and uncorked after the turn (setImmediate),
 * so a message waits at most for the rest of that turn.
 */
function coalesceWrites(socket: WebSocket, request: IncomingMessage): void {
  const tcp = request.socket;
  const send = socket.send.bind(socket);
  let corked = false;
  socket.send = ((...args: Parameters<WebSocket['send']>) => {
    if (!corked && !tcp.destroyed) {
      corked = true;
      tcp.cork();
      setImmediate(() => {
        corked = false;
        tcp.uncork();
      });
    }
    send(...args);
  }) as WebSocket['send'];
}
