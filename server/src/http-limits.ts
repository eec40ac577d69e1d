import type { Server } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.js';

/** Fastify options for connection timeouts (filled in by the HTTP limits work). */
export function httpServerOptions(_config: ServerConfig): Partial<FastifyServerOptions> {
  return {};
}

/** Settings Node's http.Server takes after creation. */
export function applyHttpLimits(_server: Server, _config: ServerConfig): void {}
