import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger, Scorer } from '@iq/core';
import { resolveAccess, type AccessSetup } from './access/access-setup.js';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { createServices, type Services } from './services.js';

export interface StartServerOptions {
  /** Parsed already: an entry point reports a bad environment its own way. */
  config: ServerConfig;
  log: Logger;
  /** This instance's scorer, for /urgency-score and Query.urgencyScore. */
  scorer: Scorer;
  /** Resolved from `config` when not given; an entry point resolves it first to report problems. */
  access?: AccessSetup;
}

export interface RunningServer {
  /** Where the API answers, with the port it bound (PORT=0 picks a free one). */
  url: string;
  app: FastifyInstance;
  services: Services;
  /** Stops taking requests, ends open subscriptions, then closes Redis connections. */
  close(): Promise<void>;
}

/** A URL host for the address the server bound; a wildcard is reached through loopback. */
function urlHost({ address, family }: AddressInfo): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return family === 'IPv6' ? `[${address}]` : address;
}

/**
 * Services, then the app, then listening on PORT and the access policy's host. Throws
 * rather than exiting: the entry point decides what a failed start means, a test fails.
 */
export async function startServer({ config, log, scorer, access = resolveAccess(config) }: StartServerOptions): Promise<RunningServer> {
  const services = await createServices(config, log, scorer, access);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(services);
    await app.listen({ port: config.PORT, host: access.policy.host });
  } catch (error) {
    // Nothing listens: let go of Redis, so a caller that carries on is not kept alive by it.
    await app?.close().catch(() => undefined);
    await services.close().catch(() => undefined);
    throw error;
  }
  const listening = app;
  const address = listening.server.address() as AddressInfo;
  return {
    url: `http://${urlHost(address)}:${address.port}`,
    app: listening,
    services,
    async close() {
      await listening.close();
      await services.close();
    },
  };
}
