import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** The scheme of a Redis Cluster's seed list: `redis+cluster://host:port,host:port`. */
export const CLUSTER_SCHEME = 'redis+cluster://';

/** Seed nodes of `redis+cluster://[user:password@]host:port,host:port`, with its credentials. */
export function parseClusterUrl(url: string): { nodes: { host: string; port: number }[]; username?: string; password?: string } {
  let rest = url.slice(CLUSTER_SCHEME.length).replace(/\/+$/, '');
  let username: string | undefined;
  let password: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    // The user name ends at the first ':'; a password may hold more of them.
    const credentials = rest.slice(0, at);
    const colon = credentials.indexOf(':');
    const user = colon < 0 ? credentials : credentials.slice(0, colon);
    username = user ? decodeURIComponent(user) : undefined;
    password = colon < 0 ? undefined : decodeURIComponent(credentials.slice(colon + 1));
    rest = rest.slice(at + 1);
  }
  const nodes = rest.split(',').map((node) => {
    const match = /^([^:,]+):(\d{1,5})$/.exec(node.trim());
    if (!match) throw new Error(`Redis Cluster node "${node}" is not host:port`);
    return { host: match[1]!, port: Number(match[2]) };
  });
  return { nodes, ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}

/** Whether a URL names a Redis Cluster rather than one server. */
export const isClusterUrl = (url: string) => url.startsWith(CLUSTER_SCHEME);

/** The Redis the configuration names: REDIS_CLUSTER_NODES (a seed list) wins over REDIS_URL. */
export const redisUrlOf = (env: { REDIS_URL: string; REDIS_CLUSTER_NODES?: string | undefined }): string =>
  env.REDIS_CLUSTER_NODES ? `${CLUSTER_SCHEME}${env.REDIS_CLUSTER_NODES}` : env.REDIS_URL;

/**
 * A Redis connection for this project: one server, or with a `redis+cluster://` URL an
 * ioredis Cluster client (BullMQ takes either).
 *
 * `blocking` connections (BullMQ workers, pub/sub subscribers) must retry forever
 * (`maxRetriesPerRequest: null`); request-path connections fail fast so an API call
 * answers with an error instead of hanging while Redis is down.
 *
 * A Cluster client is returned under Redis's type: it answers the same commands (and
 * defineCommand, pub/sub, MULTI), and every call this project makes names keys of one
 * hash tag (Keys), which is what a cluster asks of a call.
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
  if (isClusterUrl(url)) {
    const { nodes, username, password } = parseClusterUrl(url);
    const { retryStrategy, enableOfflineQueue, ...redisOptions } = options;
    const cluster = new Cluster(nodes, {
      redisOptions: { ...redisOptions, ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}) },
      enableOfflineQueue: enableOfflineQueue ?? true,
      ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
      // While a master fails over, MOVED/TRYAGAIN answers are followed this many times.
      maxRedirections: 16,
    });
    return cluster as unknown as Redis;
  }
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
  if ((redis as unknown) instanceof Cluster) {
    return 'the Redis Cluster of its seed nodes';
  }
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
