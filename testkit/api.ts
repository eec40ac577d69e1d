import type { FastifyInstance } from 'fastify';
import { createLexiconScorer, createLogger, type Scorer } from '@iq/core';
import { parseServerConfig } from '@iq/server/config';
import type { Services } from '@iq/server/services';
import { startServer } from '@iq/server/start-server';
import { spawnService, type ServiceProcess } from './process.js';

export interface Api {
  url: string;
  services: Services;
  app: FastifyInstance;
  /** POST JSON (or raw text with a content type) and return status + parsed body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(path: string): Promise<{ status: number; body: any }>;
  del(path: string): Promise<{ status: number; body: any }>;
  /** A GraphQL operation over HTTP; returns the full `{data, errors}` body. */
  gql(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
  /** The state GET /jobs/{id} reports (undefined when unknown). */
  jobState(jobId: string): Promise<string | undefined>;
  /** The recent activity events of one ticket, newest first. */
  events(ticketId: string): Promise<{ type: string; data: Record<string, any> }[]>;
  close(): Promise<void>;
}

async function parse(response: Response) {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/** Tests that hammer the API on purpose are not what the rate limits are for; the security tests set them. */
const NO_RATE_LIMITS = { RATE_LIMIT_SUBMIT: '0', RATE_LIMIT_POP: '0' };

/** Starts the real API (REST + GraphQL + WebSocket) on a free port. */
export async function startApi(redisUrl: string, env: Record<string, string> = {}, scorer: Scorer = createLexiconScorer()): Promise<Api> {
  const config = parseServerConfig({ REDIS_URL: redisUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...NO_RATE_LIMITS, ...env });
  const log = createLogger({ name: 'api', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const { url, app, services, close } = await startServer({ config, log, scorer });

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const raw = typeof body === 'string' && headers['content-type'] !== undefined;
    const init: RequestInit = { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } };
    if (body !== undefined) init.body = raw ? (body as string) : JSON.stringify(body);
    return parse(await fetch(url + path, init));
  };

  return {
    url,
    services,
    app,
    post: (path, body, headers) => send('POST', path, body, headers),
    get: (path) => send('GET', path),
    del: (path) => send('DELETE', path),
    gql: async (query, variables) => (await send('POST', '/graphql', { query, variables })).body,
    jobState: async (jobId) => (await send('GET', `/jobs/${encodeURIComponent(jobId)}`)).body.state,
    // Straight from the activity stream: REST's /activity returns at most 200 events.
    events: async (ticketId) => (await services.views.recentActivity(config.ACTIVITY_MAXLEN)).filter((e) => e.data.ticket_id === ticketId),
    close,
  };
}

export interface ApiProcess extends ServiceProcess {
  url: string;
}

/** Starts the API's real entry point as a child process on `port` (so a test can kill it). */
export async function spawnApi(
  redisUrl: string,
  port: number,
  env: Record<string, string> = {},
  entry = 'server/src/index.ts',
): Promise<ApiProcess> {
  const service = await spawnService(
    entry,
    { REDIS_URL: redisUrl, PORT: String(port), HOST: '127.0.0.1', ...NO_RATE_LIMITS, ...env },
    'Server listening',
    'API',
  );
  return Object.assign(service, { url: `http://127.0.0.1:${port}` });
}
