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

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function waitForReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
