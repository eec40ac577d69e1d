import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allows, rolesFor, type Principal } from '@iq/core';
import type { Refusal, RequestContext, RequestContexts } from '../request-context.js';
import { ADMIN_PREFIX, routeAccess } from './route-access.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every request, before any route handler runs. */
    requestContext: RequestContext;
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
 * the request's context, then cross-site refusal, the key (401), the role (403) and the
 * rate budget (429). Errors on /graphql are GraphQL-shaped so GraphQL clients can read them.
 */
export function registerAccessHook(app: FastifyInstance, contexts: RequestContexts, graphiql: boolean): void {
  app.addHook('onRequest', async (request, reply) => {
    const context = contexts.open({ transport: 'http', id: request.id, ip: request.ip });
    request.requestContext = context;
    const route = routeAccess(request.method, request.routeOptions.url);
    const graphql = route.kind === 'graphql';
    const fail = (refusal: Refusal | { status: 429; code: 'RATE_LIMITED'; message: string }) => refuse(reply, graphql, refusal);
    const hostRefusal = contexts.hostRefusal(request.headers);
    if (hostRefusal) return fail(hostRefusal);
    if (request.method === 'OPTIONS') return;
    if (route.kind === 'open' || (graphql && isGraphiQLPage(request, graphiql))) return;

    const changesState = graphql || request.method !== 'GET' || (route.kind === 'rule' && route.rule.changesState === true);
    const siteRefusal = changesState ? contexts.crossSiteRefusal(request.headers) : undefined;
    if (siteRefusal) return fail(siteRefusal);

    // The job board is a browser page whose own requests carry no Bearer header: there the
    // key may come as HTTP Basic's password, which the browser asks for once and resends.
    const admin = request.routeOptions.url?.startsWith(ADMIN_PREFIX) === true;
    const authorization = admin ? basicAsBearer(request.headers.authorization) : request.headers.authorization;
    const authentication = contexts.authenticate(context, authorization);
    if (!authentication.ok) {
      reply.header('www-authenticate', admin ? ADMIN_CHALLENGE : 'Bearer');
      const { refusal } = authentication;
      return fail(admin && !request.headers.authorization ? { ...refusal, message: ADMIN_KEY_REQUIRED } : refusal);
    }
    const { access } = authentication;
    if (route.kind !== 'rule') return;

    const { action, budget } = route.rule;
    if (!allows(access.principal.roles, action)) {
      const message = forbidden(access.principal, rolesFor(action));
      // A browser keeps a Basic password it was given and asks again only on a 401: an agent's
      // key typed into the job board's prompt would otherwise lock it out until the browser restarts.
      if (admin && /^Basic /i.test(request.headers.authorization ?? '')) {
        reply.header('www-authenticate', ADMIN_CHALLENGE);
        return fail({ status: 401, code: 'UNAUTHENTICATED', message: `${message}; enter an admin key` });
      }
      return fail({ status: 403, code: 'FORBIDDEN', message });
    }
    if (budget) {
      const spent = await access.take(budget);
      if (!spent.ok) {
        reply.header('retry-after', String(spent.retryAfterSeconds));
        const message = `Rate limit exceeded: ${spent.limit} requests per window; retry in ${spent.retryAfterSeconds} s`;
        return fail({ status: 429, code: 'RATE_LIMITED', message });
      }
    }
  });
}

const ADMIN_CHALLENGE = 'Basic realm="Intelligent Queue admin", charset="UTF-8"';
const ADMIN_KEY_REQUIRED = "An admin API key is required: give it as the password of the browser's prompt (any user name), or send Authorization: Bearer <key>";

/** `Basic base64(user:key)` as `Bearer key` (any user name); anything else as it is. */
function basicAsBearer(authorization: string | undefined): string | undefined {
  const match = /^Basic +(\S+) *$/i.exec(authorization ?? '');
  if (!match) return authorization;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? authorization : `Bearer ${decoded.slice(colon + 1)}`;
}

export const forbidden = (principal: Principal, needed: readonly string[]) =>
  `This API key's role (${[...principal.roles].join(', ')}) may not do this; it needs ${needed.join(' or ')}`;

function refuse(reply: FastifyReply, graphql: boolean, { status, code, message }: { status: number; code: string; message: string }) {
  return graphql
    ? reply.status(status).send({ errors: [{ message, extensions: { code } }] })
    : reply.status(status).send({ detail: message });
}
