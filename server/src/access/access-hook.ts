import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows, rolesFor, type Principal } from '@iq/core';
import type { ServerConfig } from '../config.js';
import type { AccessSetup } from './access-setup.js';
import { authenticate } from './authenticate.js';
import { crossSiteRefusal, foreignHost, type OriginPolicy } from './browser-origin.js';
import type { RateLimits } from './rate-limits.js';
import { requestAccess, type RequestAccess } from './request-access.js';
import { routeAccess } from './route-access.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that needs a caller. */
    access?: RequestAccess;
  }
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * GraphiQL's page is documentation: a browser GET asking for HTML, with no operation in
 * the URL and no key (a client that sends one is served as itself). Only while GraphiQL
 * is on: otherwise yoga would execute such a GET.
 */
const isGraphiQLPage = (request: FastifyRequest, graphiql: boolean) =>
  graphiql &&
  request.method === 'GET' &&
  (header(request, 'accept') ?? '').includes('text/html') &&
  request.headers.authorization === undefined &&
  !new URL(request.url, 'http://x').searchParams.has('query');

/**
 * The REST and GraphQL-over-HTTP (and SSE) side of access control, in one onRequest hook:
 * cross-site refusal, then the key (401), the role (403) and the rate budget (429). Errors
 * on /graphql are GraphQL-shaped so GraphQL clients can read them.
 */
export function registerAccessHook(
  app: FastifyInstance,
  config: ServerConfig,
  access: AccessSetup,
  limits: RateLimits,
  graphiql: boolean,
): void {
  const origins: OriginPolicy = { corsOrigins: config.CORS_ORIGINS, allowedHosts: config.ALLOWED_HOSTS, keysRequired: access.required };
  app.addHook('onRequest', async (request, reply) => {
    const route = routeAccess(request.method, request.routeOptions.url);
    const graphql = route.kind === 'graphql';
    const fail = (status: number, code: string, message: string) => refuse(reply, graphql, status, code, message);
    const hostRefusal = foreignHost(request.headers, origins);
    if (hostRefusal) return fail(403, 'FORBIDDEN', hostRefusal);
    if (request.method === 'OPTIONS') return;
    if (route.kind === 'open' || (graphql && isGraphiQLPage(request, graphiql))) return;

    const changesState = graphql || request.method !== 'GET' || (route.kind === 'rule' && route.rule.changesState === true);
    const siteRefusal = changesState ? crossSiteRefusal(request.headers, origins) : undefined;
    if (siteRefusal) return fail(403, 'FORBIDDEN', siteRefusal);

    const authentication = authenticate(request.headers.authorization, access);
    if (!authentication.ok) {
      reply.header('www-authenticate', 'Bearer');
      return fail(401, 'UNAUTHENTICATED', authentication.message);
    }
    const { principal } = authentication;
    request.access = requestAccess(principal, request.ip, limits);
    if (route.kind !== 'rule') return;

    const { action, budget } = route.rule;
    if (!allows(principal.roles, action)) return fail(403, 'FORBIDDEN', forbidden(principal, rolesFor(action)));
    if (budget) {
      const spent = await request.access.take(budget);
      if (!spent.ok) {
        reply.header('retry-after', String(spent.retryAfterSeconds));
        return fail(429, 'RATE_LIMITED', `Rate limit exceeded: ${spent.limit} requests per window; retry in ${spent.retryAfterSeconds} s`);
      }
    }
  });
}

export const forbidden = (principal: Principal, needed: readonly string[]) =>
  `This API key's role (${[...principal.roles].join(', ')}) may not do this; it needs ${needed.join(' or ')}`;

function refuse(reply: FastifyReply, graphql: boolean, status: number, code: string, message: string) {
  return graphql
    ? reply.status(status).send({ errors: [{ message, extensions: { code } }] })
    : reply.status(status).send({ detail: message });
}
