import type { Logger } from '../runtime/logger.js';

/** Socket-level failures: the server is down, restarting or unreachable. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether `error` says Redis could not be reached (as opposed to Redis answering with
 * an error, which is a bug or a misconfiguration and must still be logged as such).
 * Covers the socket errors ioredis emits, the rejection of a command that outlived its
 * retries, and commands sent on a closed connection.
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const message = error.message;
  return (
    message === 'Connection is closed.' ||
    message.startsWith('Stream isn\'t writeable') ||
    /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)\b/.test(message)
  );
}

/** A BullMQ Worker or Queue: each forwards its connections' errors as its own. */
export interface ErrorEvents {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** An ioredis client, which also says when a (re)connection is ready. */
export interface ClientEvents {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

/**
 * Redis reachability as one process sees it, logged once per change: a process has
 * several connections (its own and the ones BullMQ duplicates), each failing every
 * reconnect attempt, and every periodic task fails too while Redis is down. Without this
 * an outage is dozens of lines a second, and ioredis prints its own for any client with
 * no 'error' listener.
 *
 * Starts out reachable, so a Redis that is down when the process starts is reported too.
 */
export class ConnectionStateLog {
  private downSince: number | undefined;

  constructor(
    private readonly log: Pick<Logger, 'warn' | 'info'>,
    private readonly now: () => number = Date.now,
  ) {}

  get reachable(): boolean {
    return this.downSince === undefined;
  }

  /** Logs (warn) only on the change from reachable to unreachable. */
  down(reason: unknown): void {
    if (this.downSince !== undefined) return;
    this.downSince = this.now();
    this.log.warn({ reason: describe(reason) }, 'Redis unreachable; retrying until it is back');
  }

  /** Logs (info) only on the change from unreachable to reachable. */
  up(): void {
    if (this.downSince === undefined) return;
    const downMs = this.now() - this.downSince;
    this.downSince = undefined;
    this.log.info({ down_ms: downMs }, 'Redis reachable again');
  }

  /**
   * Takes `error` as a sign of an outage if it is a connection error (and returns true);
   * any other error is left to the caller (false), which logs it as before.
   */
  report(error: unknown): boolean {
    if (!isConnectionError(error)) return false;
    this.down(error);
    return true;
  }

  /**
   * Routes an emitter's 'error' events here, and any error that is not a connection
   * error to `other`. Listening is also what stops ioredis from printing "[ioredis]
   * Unhandled error event" and BullMQ from console.error-ing errors nobody listens to.
   */
  watchErrors(emitter: ErrorEvents, other: (error: Error) => void): void {
    emitter.on('error', (error) => {
      if (!this.report(error)) other(error);
    });
  }

  /** watchErrors(), and a client that is ready again means Redis is reachable again. */
  watchClient(client: ClientEvents, other: (error: Error) => void): void {
    this.watchErrors(client, other);
    client.on('ready', () => this.up());
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) {
    const { code } = reason as { code?: unknown };
    // "connect ECONNREFUSED 127.0.0.1:6379" already names its code.
    return typeof code === 'string' && !reason.message.includes(code) ? `${code}: ${reason.message}` : reason.message;
  }
  return String(reason);
}
