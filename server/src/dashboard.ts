import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built dashboard (web/dist) at `/`, so `npm start` gives one URL for
 * everything. Without a build, `/` says how to make one instead of a bare 404.
 */
export async function serveDashboard(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Intelligent Queue</title><p>The dashboard is not built: run ' +
            '<code>npm run build -w web</code> (npm start does it), or use ' +
            '<a href="/graphql">GraphiQL</a> and <a href="/docs">the REST docs</a>.</p>',
        ),
    );
    return;
  }
  // Only files that exist are served; every other path falls through to the JSON 404.
  await app.register(fastifyStatic, { root: distDir, prefix: '/', index: 'index.html', wildcard: false });
}
