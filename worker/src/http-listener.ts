import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@iq/core';

/** The worker's state as /health judges it; read on every request, so it is never stale. */
export interface WorkerStatus {
  /** Taking jobs: started, and not closing. */
  running: boolean;
  /** Every Redis connection of the worker is ready. */
  redisReady: boolean;
}

export interface HealthBody {
  status: 'ok' | 'unavailable';
  /** The worker's id, as in the registry (/health/details of the API). */
  worker: string;
  running: boolean;
  redis: 'ok' | 'unreachable';
}

export interface HttpListener {
  /** The port it listens on (the one asked for, or the one the OS picked for 0). */
  readonly port: number;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

export interface HttpListenerOptions {
  port: number;
  /** Unset: every interface. */
  host?: string;
  workerId: string;
  status: () => WorkerStatus;
  /** The Prometheus exposition for GET /metrics; unset: 404 there. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  log: Logger;
}

// A probe answers in microseconds: a client that takes longer to send its request is
// holding a socket, not asking.
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * The worker's HTTP listener: GET /health and GET /metrics. Small on purpose (no
 * framework): it must stay up and cheap while the worker is busy or Redis is gone.
 */
export async function startHttpListener(opts: HttpListenerOptions): Promise<HttpListener> {
  const { workerId, status, metrics, log } = opts;
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
    const failed = (error: unknown) => {
      // A throwing handler would be an uncaught exception: the worker, not the request, would die.
      log.error({ err: error }, 'worker http request failed');
      if (!res.headersSent) send(res, 500, { detail: 'Internal Server Error' });
      else res.destroy();
    };
    try {
      route(req, res, () => health(workerId, status()), metrics).catch(failed);
    } catch (error) {
      failed(error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after the listen (accept failing under EMFILE, say) must not end the process.
  server.on('error', (error) => log.error({ err: error }, 'worker http listener error'));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A keep-alive scraper must not hold the exit up.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  report: () => HealthBody,
  metrics: HttpListenerOptions['metrics'],
): Promise<void> {
  // Nothing here reads a body; leaving one unread would stall the connection.
  req.resume();
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path !== '/health' && !(path === '/metrics' && metrics)) return send(res, 404, { detail: 'Not Found' });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, { detail: 'Method Not Allowed' });
  }
  if (path === '/metrics') {
    const { contentType, body } = await metrics!();
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const body = report();
  send(res, body.status === 'ok' ? 200 : 503, body, req.method === 'HEAD');
}

function health(workerId: string, { running, redisReady }: WorkerStatus): HealthBody {
  return {
    status: running && redisReady ? 'ok' : 'unavailable',
    worker: workerId,
    running,
    redis: redisReady ? 'ok' : 'unreachable',
  };
}

function send(res: ServerResponse, status: number, body: object, headOnly = false): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    // A probe's answer is about now.
    'cache-control': 'no-store',
  });
  res.end(headOnly ? undefined : json);
}
