import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import path from 'node:path';
import { pingRedis, redisUrl, startRedisServer, type RedisServerProcess, type RedisTarget } from '@iq/core/redis-server';
import { CLUSTER_SCHEME, createRedis, waitForReady } from '@iq/core/redis-connection';
import { parseEnv, sharedEnvShape } from '@iq/core/env';

export { pingRedis, redisUrl, type RedisTarget };

/** Where a developer's own Redis normally lives; also the port we prefer for one we start. */
export const DEFAULT_REDIS: RedisTarget = { host: '127.0.0.1', port: 6379 };

/** The Redis the services should use, and where it came from. */
export type ResolvedRedis =
  | { source: 'env'; url: string }
  | { source: 'existing'; url: string }
  | { source: 'spawned'; url: string; server: RedisServerProcess; dataDir: string };

/** Thrown when no Redis is reachable and none can be started; its message is meant for the user. */
export class NoRedisError extends Error {
  override name = 'NoRedisError';
}

/** Options for {@link resolveRedis}. */
export interface ResolveRedisOptions {
  env: NodeJS.ProcessEnv;
  /** Where a redis-server we start keeps its append-only file. */
  dataDir: string;
  /** Receives each line redis-server prints, if we start one. */
  onServerOutput?: (line: string) => void;
  /** Aborts a redis-server start that is still waiting for readiness (e.g. Ctrl-C). */
  signal?: AbortSignal;
  /**
   * Where to look for an already running Redis. Only ad-hoc tests override this, so they can
   * simulate "nothing there" without stopping a shared server.
   * @internal
   */
  probe?: RedisTarget;
}

/**
 * Decides which Redis the services use: `REDIS_CLUSTER_NODES` or `REDIS_URL` if set, else a Redis already answering on
 * 127.0.0.1:6379, else a redis-server started here with data under `dataDir`.
 *
 * @throws {NoRedisError} when none of those is possible.
 * @throws {RedisUnreachableError} when REDIS_URL is set but does not answer.
 */
export async function resolveRedis(options: ResolveRedisOptions): Promise<ResolvedRedis> {
  // A Redis Cluster's seed list wins, as it does in the services (redisUrlOf).
  const clusterNodes = options.env.REDIS_CLUSTER_NODES?.trim();
  const fromEnv = clusterNodes ? `${CLUSTER_SCHEME}${clusterNodes}` : options.env.REDIS_URL;
  // An empty value usually comes from a `REDIS_URL=` line in a .env file, meaning "not configured".
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    // Checked here, once, so an unreachable REDIS_URL is one sentence before anything
    // starts, not the same failure from every service.
    await assertReachable(fromEnv, readyTimeoutMs(options.env), options.signal);
    return { source: 'env', url: fromEnv };
  }

  const probe = options.probe ?? DEFAULT_REDIS;
  if (await pingRedis(probe)) return { source: 'existing', url: redisUrl(probe) };

  const binary = findExecutable('redis-server', options.env.PATH);
  if (!binary) throw new NoRedisError(noRedisMessage(probe));

  const server = await startRedisServer({
    binary,
    dataDir: options.dataDir,
    preferredPort: probe.port,
    onOutput: options.onServerOutput,
    signal: options.signal,
  });
  return { source: 'spawned', url: server.url, server, dataDir: options.dataDir };
}

/** Resolves once Redis at `url` answers; a RedisUnreachableError (where, why, what to do) after `timeoutMs`. */
async function assertReachable(url: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const client = createRedis(url, { name: 'iq-launcher-check' });
  // Reported once, by waitForReady; without a listener ioredis prints every refusal.
  client.on('error', () => undefined);
  let onAbort: (() => void) | undefined;
  // Ctrl-C while Redis is being waited for ends the wait at once.
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('interrupted'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([waitForReady(client, timeoutMs), aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    client.disconnect();
  }
}

/** REDIS_READY_TIMEOUT_MS as the services read it (core's shared settings). */
const readyTimeoutMs = (env: Record<string, string | undefined>) =>
  parseEnv({ REDIS_READY_TIMEOUT_MS: sharedEnvShape.REDIS_READY_TIMEOUT_MS }, env).REDIS_READY_TIMEOUT_MS;

function noRedisMessage(probe: RedisTarget): string {
  return [
    `No Redis found: REDIS_URL is not set, nothing answered PING at ${probe.host}:${probe.port}, and redis-server is not on PATH.`,
    'Either install Redis (Debian/Ubuntu: sudo apt-get install redis-server) and run this again,',
    'or point the app at an existing server, e.g. REDIS_URL=redis://host:6379 npm start',
  ].join('\n');
}

/** Full path of `name` in the first `PATH` directory that has it as an executable file. */
export function findExecutable(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
