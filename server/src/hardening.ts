import { createHash } from 'node:crypto';
import compress from '@fastify/compress';
import helmet from 'helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Security headers and compression for every response, and request bodies in gzip,
 * deflate or br (anything else is 415). Decompressed bodies still count against the
 * body limits, so a small compressed bomb is a 413.
 */
export async function registerHardening(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    requestEncodings: ['br', 'gzip', 'deflate'],
  });
  // Built once: @fastify/helmet builds helmet's middleware again on every request, which
  // the API's profile showed among its top costs.
  const applySecurityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'worker-src': ["'self'", 'blob:'],
        // Plain HTTP on a LAN must keep working; TLS belongs to the reverse proxy.
        'upgrade-insecure-requests': null,
      },
    },
    // HSTS is the TLS-terminating proxy's to send: over plain HTTP it is ignored, and
    // sent by the API behind a proxy it would pin every host name of the deployment.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}

const BASE_POLICY =
  "default-src 'self'; base-uri 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'self'; " +
  "img-src 'self' data:; object-src 'none'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; " +
  "connect-src 'self'; worker-src 'self' blob:";

let cached: { html: string; policy: string } | undefined;

/**
 * GraphiQL's page is one HTML document with its whole bundle inline; rather than allow
 * every inline script, the policy names this page's scripts by hash.
 */
export function allowInlineScriptsOf(reply: FastifyReply, html: string): void {
  if (cached?.html !== html) {
    const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
    );
    cached = { html, policy: `${BASE_POLICY}; script-src 'self' ${hashes.join(' ')}` };
  }
  reply.header('content-security-policy', cached.policy);
}
