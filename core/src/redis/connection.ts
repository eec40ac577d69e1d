import { Redis, type RedisOptions } from 'ioredis';

/**
 * A Redis connection for this project.
 *
 * `blocking` connections (BullMQ workers, pub/sub subscribers) must retry forever
 * (`maxRetriesPerRequest: null`); request-path connections fail fast so an API call
 * answers with an error instead of hanging while Redis is down.
 */
export function createRedis(url: string, opts: { blocking?: boolean; name?: string } = {}): Redis {
  const options: RedisOptions = opts.blocking
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: true,
        connectTimeout: 5_000,
        // A queued command fails after maxRetriesPerRequest + 1 reconnect attempts, so the
        // delay between attempts bounds how long a request waits while Redis is down.
        // (ioredis 6's default backs off to 5 s: a request would wait ~10 s for its 503.)
        retryStrategy: (times: number) => Math.min(times * 50, 500),
      };
  if (opts.name) options.connectionName = opts.name;
  return new Redis(url, options);
}

/**
 * Redis did not answer at start-up. Its message is one sentence for an operator: where
 * (host, port and database, never the credentials of the URL), why, and what to do.
 */
export class RedisUnreachableError extends Error {
  constructor(
    readonly target: string,
    readonly reason: string | undefined,
    readonly timeoutMs: number,
  ) {
    super(
      `Cannot reach Redis at ${target} (REDIS_URL) within ${timeoutMs / 1000} s${reason ? `: ${reason}` : ''}. ` +
        'Start Redis there, or set REDIS_URL to a Redis that runs (`npm start` starts its own when REDIS_URL is unset).',
    );
    this.name = 'RedisUnreachableError';
  }
}

/** Where a connection points, without credentials. */
const targetOf = (redis: Redis) => {
  const { host, port, db, path } = redis.options;
  return path ?? `${host ?? '127.0.0.1'}:${port ?? 6379}${db ? `/${db}` : ''}`;
};

/** Resolves once the connection is ready, or rejects with a RedisUnreachableError after `timeoutMs`. */
export async function waitForReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    let lastError: string | undefined;
    const timer = setTimeout(() => {
      cleanup();
      reject(new RedisUnreachableError(targetOf(redis), lastError, timeoutMs));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      lastError = error.message;
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}
