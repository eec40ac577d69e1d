import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyHttpOptions } from 'fastify';
import type { ServerConfig } from './config.js';

/**
 * How one connection is bounded:
 * - no first byte within the headers timeout (or the idle timeout, if shorter): the
 *   socket is destroyed. Node's headers timeout alone never sees such a socket: its clock
 *   starts with the first byte of a request.
 * - headers not complete within HTTP_HEADERS_TIMEOUT_MS, or the whole request (headers and
 *   body) not received within HTTP_REQUEST_TIMEOUT_MS: Node answers 408 and closes.
 * - nothing moving either way for HTTP_IDLE_TIMEOUT_MS: destroyed, except an open
 *   event stream (below).
 * - between requests on a keep-alive connection: HTTP_KEEP_ALIVE_TIMEOUT_MS.
 * - beyond HTTP_MAX_CONNECTIONS open connections, a new one is closed as soon as it is
 *   accepted, so a flood cannot take the process's last file descriptors.
 */
export interface HttpLimits {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  idleTimeout: number;
  firstByteTimeout: number;
  maxConnections: number;
  /** How often Node looks for connections past the headers or request timeout. */
  checkInterval: number;
}

export function httpLimits(config: ServerConfig): HttpLimits {
  const requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  // Node refuses a headers timeout longer than the request timeout; the request's bound covers its headers anyway.
  const headersTimeout = Math.min(config.HTTP_HEADERS_TIMEOUT_MS, requestTimeout);
  const idleTimeout = config.HTTP_IDLE_TIMEOUT_MS;
  return {
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeout,
    firstByteTimeout: Math.min(headersTimeout, idleTimeout),
    maxConnections: config.HTTP_MAX_CONNECTIONS,
    // Node's default (30 s) would let a slow client overstay a 10 s headers timeout threefold.
    checkInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
  };
}

/** Fastify options for connection timeouts; `http` reaches Node's http.createServer. */
export function httpServerOptions(config: ServerConfig): Partial<FastifyHttpOptions<Server>> {
  const limits = httpLimits(config);
  return {
    // Fastify sets these on the server after creating it (its own defaults otherwise:
    // no request timeout, 72 s keep-alive); connectionTimeout is the socket idle timeout.
    connectionTimeout: limits.idleTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    requestTimeout: limits.requestTimeout,
    http: {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      connectionsCheckingInterval: limits.checkInterval,
    },
  };
}

/** Settings Node's http.Server takes after creation. */
export function applyHttpLimits(server: Server, config: ServerConfig): void {
  const limits = httpLimits(config);
  server.headersTimeout = limits.headersTimeout;
  server.requestTimeout = limits.requestTimeout;
  server.keepAliveTimeout = limits.keepAliveTimeout;
  server.maxConnections = limits.maxConnections;
  // Node starts a request's headers clock at its first byte, so a socket that never sends
  // one is invisible to that check: until its first request, its idle timeout is the headers timeout.
  if (limits.firstByteTimeout < limits.idleTimeout) {
    server.on('connection', (socket: Socket) => socket.setTimeout(limits.firstByteTimeout));
    server.on('request', (req: IncomingMessage) => {
      if (req.socket.timeout === limits.firstByteTimeout) req.socket.setTimeout(limits.idleTimeout);
    });
  }
  // With a listener here Node no longer destroys timed-out sockets itself (upgraded
  // WebSockets never get here: Node drops its timeout handler on upgrade, and `ws` turns
  // the socket's timeout off; graphql-ws pings them every 12 s instead).
  server.on('timeout', (socket: Socket) => {
    if (!isOpenEventStream(currentResponse(socket))) socket.destroy();
  });
}

/**
 * A subscription over SSE may see no event for longer than the idle timeout; it stays
 * open. yoga writes a keep-alive comment into it every 12 s, so a client that went away
 * still ends it, through the failed write.
 */
function isOpenEventStream(res: ServerResponse | undefined): boolean {
  if (!res || !res.headersSent || res.writableEnded || res.destroyed) return false;
  const type = res.getHeader('content-type');
  return typeof type === 'string' && type.toLowerCase().startsWith('text/event-stream');
}

/** The response the socket is writing, if any (Node keeps no public pointer to it). */
function currentResponse(socket: Socket): ServerResponse | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}
