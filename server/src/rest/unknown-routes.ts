import type { FastifyInstance, FastifyReply } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * 404 and 405 as FastAPI answers them: a wrong method on a known path is 405
 * `{"detail": "Method Not Allowed"}` with `Allow`, which Fastify (404 for both) cannot
 * tell. So every route registered after this call is mirrored into a second router
 * (find-my-way, Fastify's own), which can say which methods a concrete URL has.
 * Catch-all routes (CORS preflight's `OPTIONS *`) are left out: they would make every
 * path look known. Call before any route is registered, and before @fastify/cors.
 */
export function registerUnknownRoutes(app: FastifyInstance): void {
  const router = FindMyWay({ maxParamLength: app.initialConfig.routerOptions?.maxParamLength ?? 100 });
  app.addHook('onRoute', (route) => {
    if (route.url === '*' || route.url === '/*') return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (m): m is HTTPMethod => METHODS.includes(m as HTTPMethod) && !router.hasRoute(m as HTTPMethod, route.url),
    );
    if (methods.length > 0) router.on(methods, route.url, () => undefined);
  });

  const answer = (url: string, reply: FastifyReply) => {
    const path = url.split('?')[0]!;
    const allowed = METHODS.filter((method) => router.find(method, path) !== null);
    if (allowed.length === 0) return reply.status(404).send({ detail: 'Not Found' });
    return reply.status(405).header('allow', allowed.join(', ')).send({ detail: 'Method Not Allowed' });
  };

  app.setNotFoundHandler((request, reply) => answer(request.url, reply));
  // Only an OPTIONS with Origin and Access-Control-Request-Method is a CORS preflight
  // (answered by @fastify/cors); any other OPTIONS is a wrong method, as in Starlette.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'OPTIONS' || (request.headers.origin && request.headers['access-control-request-method'])) return;
    return answer(request.url, reply);
  });
}
