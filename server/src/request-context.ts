import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Principal } from '@iq/core';
import type { ServerConfig } from './config.js';
import type { AccessSetup } from './access/access-setup.js';
import { authenticate } from './access/authenticate.js';
import { crossSiteRefusal, foreignHost, type OriginPolicy } from './access/browser-origin.js';
import type { RateLimits } from './access/rate-limits.js';
import { requestAccess, type RequestAccess } from './access/request-access.js';

export type Transport = 'http' | 'websocket';

/** Where a request id comes in (from a proxy or a client) and goes back out, on every HTTP answer. */
export const REQUEST_ID_HEADER = 'x-request-id';
// A token safe to log and echo: no spaces, quotes, control characters or header tricks.
const SANE_REQUEST_ID = /^[\w.:@+/=-]{1,128}$/;

/**
 * The id of an HTTP request (Fastify's request id): the caller's `X-Request-Id` when it is a
 * sane token, so one id follows a request through a proxy and into these logs; else a new UUID.
 */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * One HTTP request (REST, GraphQL, SSE) or one WebSocket connection, from its arrival:
 * whatever is per request is kept here, the same for every transport.
 */
export interface RequestContext {
  /** Fastify's request id (see requestIdFrom; echoed as X-Request-Id), or `ws-<n>` for a socket, to correlate log lines. */
  readonly id: string;
  readonly transport: Transport;
  /** The client's address, as the transport sees it. */
  readonly ip: string | undefined;
  /** `performance.now()` at arrival: where a request's duration starts. */
  readonly startedAt: number;
  /** Who is calling, once authenticated; never set on open routes and GraphiQL's page. */
  access?: RequestAccess;
}

/** Why a request or connection is turned away; each transport says it in its own way. */
export interface Refusal {
  status: 401 | 403;
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  message: string;
}

/**
 * The checks every transport makes, each written once: the HTTP access hook runs them on
 * each request, the WebSocket server on its upgrade (origin) and its connection_init (key).
 */
export interface RequestContexts {
  /** A context for what just arrived; nothing is checked yet. Without an `id`, one is made. */
  open(arrival: { transport: Transport; id?: string; ip: string | undefined }): RequestContext;
  /** A Host an API without keys does not serve (DNS rebinding); every request and upgrade. */
  hostRefusal(headers: IncomingHttpHeaders): Refusal | undefined;
  /** A page on another site, for whatever may change state. */
  crossSiteRefusal(headers: IncomingHttpHeaders): Refusal | undefined;
  /** Checks the key (an `Authorization` value, wherever the transport carries it); sets `context.access`. */
  authenticate(context: RequestContext, authorization: unknown): { ok: true; access: RequestAccess } | { ok: false; refusal: Refusal };
  /** The caller, or, where nobody needs to be (GraphiQL's page), one with no roles: nothing can run under it. */
  accessOf(context: RequestContext): RequestAccess;
}

const NOBODY: Principal = { id: 'nobody', roles: new Set() };

const forbidden = (message: string | undefined): Refusal | undefined =>
  message === undefined ? undefined : { status: 403, code: 'FORBIDDEN', message };

export function createRequestContexts(config: ServerConfig, access: AccessSetup, rateLimits: RateLimits): RequestContexts {
  const origins: OriginPolicy = { corsOrigins: config.CORS_ORIGINS, allowedHosts: config.ALLOWED_HOSTS, keysRequired: access.required };
  let sockets = 0;
  return {
    open: ({ transport, id, ip }) => ({ id: id ?? `ws-${++sockets}`, transport, ip, startedAt: performance.now() }),
    hostRefusal: (headers) => forbidden(foreignHost(headers, origins)),
    crossSiteRefusal: (headers) => forbidden(crossSiteRefusal(headers, origins)),
    authenticate(context, authorization) {
      const authentication = authenticate(authorization, access);
      if (!authentication.ok) return { ok: false, refusal: { status: 401, code: 'UNAUTHENTICATED', message: authentication.message } };
      context.access = requestAccess(authentication.principal, context.ip, rateLimits);
      return { ok: true, access: context.access };
    },
    accessOf: (context) => context.access ?? requestAccess(NOBODY, context.ip, rateLimits),
  };
}
