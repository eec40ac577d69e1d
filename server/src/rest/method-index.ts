import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

/** The methods a path answers to, for 405 `Allow` (Fastify itself only says 404). */
export interface MethodIndex {
  allowed(url: string): string[];
}

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Mirrors every route registered after this call into a second router (Fastify's own,
 * find-my-way), which can then tell which methods a concrete URL has. Catch-all routes
 * (CORS preflight's `OPTIONS *`) are left out: they would make every path look known.
 */
export function indexRouteMethods(app: FastifyInstance): MethodIndex {
  const router = FindMyWay();
  app.addHook('onRoute', (route) => {
    if (route.url === '*' || route.url === '/*') return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (m): m is HTTPMethod => METHODS.includes(m as HTTPMethod) && !router.hasRoute(m as HTTPMethod, route.url),
    );
    if (methods.length > 0) router.on(methods, route.url, () => undefined);
  });
  return {
    allowed: (url) => METHODS.filter((method) => router.find(method, url.split('?')[0]!) !== null),
  };
}
