import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, bundledPath, SERVICE_ENTRIES } from './bundle.js';
import { formatPrefix, linePrinter, shouldColor, type PrefixColor } from './output.js';
import { supervise, type ProcessSpec, type Supervisor } from './supervisor.js';
import { configProblems } from './check-config.js';
import {
  DEFAULT_REDIS,
  redisUrl,
  resolveRedis,
  type RedisTarget,
  type ResolvedRedis,
} from './redis-resolver.js';

/** The repository root (parent of scripts/), so the launcher works from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const REDIS_DATA_DIR = path.join(REPO_ROOT, '.data', 'redis');
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long services get to finish in-flight work after being asked to stop, before SIGKILL. */
const GRACE_MS = 10_000;

/** A long-running process the launcher supervises. */
export interface Service extends ProcessSpec {
  color: PrefixColor;
}

/** The services to run; `dev` swaps in watch mode and adds the Vite dev server. */
export function serviceCommands(dev: boolean): Service[] {
  // In production, plain `node` on the bundles (see bundle.ts): faster start, less memory.
  const [api, worker] = SERVICE_ENTRIES;
  const run = (entry: string) => (dev ? { command: 'tsx', args: ['watch', entry] } : { command: process.execPath, args: [bundledPath(entry)] });
  const services: Service[] = [
    { name: 'api', ...run(api), color: 'cyan' },
    { name: 'worker', ...run(worker), color: 'magenta' },
  ];
  if (dev) services.push({ name: 'web', command: 'npm', args: ['run', 'dev', '-w', 'web'], color: 'green' });
  return services;
}

/** Options for {@link launch}. */
export interface LaunchOptions {
  dev: boolean;
  /**
   * Where to look for an already running Redis; only ad-hoc tests override it.
   * @internal
   */
  probe?: RedisTarget;
}

interface Logs {
  info(message: string): void;
  error(message: string): void;
  redis(line: string): void;
  /** A line a service printed, behind its own prefix. */
  service(name: string, line: string, stream: 'stdout' | 'stderr'): void;
}

/**
 * Resolves Redis (starting one if needed), runs the services until one of them exits or the
 * launcher is signalled, then stops everything it started.
 *
 * @returns the process exit code: 0 after a requested shutdown, non-zero otherwise.
 */
export async function launch(options: LaunchOptions): Promise<number> {
  const services = serviceCommands(options.dev);
  const logs = createLogs(services);
  // Every service's problems at once, before anything (Redis included) is started.
  const problems = configProblems({ ...process.env, LOG_FORMAT: childLogFormat() });
  if (problems.length > 0) {
    logs.error(`Invalid configuration, nothing was started:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const shutdown = listenForShutdown();
  try {
    const redis = await resolveOrExplain(options.probe ?? DEFAULT_REDIS, shutdown.signal, logs);
    if (!redis) return shutdown.signal.aborted ? 0 : 1;
    try {
      // Bundled on every start (a fraction of a second), so what runs is never older than the sources.
      if (!options.dev) await bundle();
      if (shutdown.signal.aborted) return 0;
      return await runServices(services, redis, shutdown.signal, logs);
    } finally {
      await stopRedis(redis, logs);
    }
  } finally {
    shutdown.dispose();
  }
}

function createLogs(services: Service[]): Logs {
  const colored = shouldColor(process.stdout);
  const width = Math.max(...services.map((s) => s.name.length), 'start'.length, 'redis'.length);
  const startPrefix = formatPrefix('start', width, 'blue', colored);
  const printers = new Map(
    services.map((s) => {
      const prefix = formatPrefix(s.name, width, s.color, colored);
      return [s.name, { stdout: linePrinter(prefix, process.stdout), stderr: linePrinter(prefix, process.stderr) }];
    }),
  );
  return {
    info: linePrinter(startPrefix, process.stdout),
    error: (message) => message.split('\n').forEach(linePrinter(startPrefix, process.stderr)),
    redis: linePrinter(formatPrefix('redis', width, 'red', colored), process.stdout),
    service: (name, line, stream) => printers.get(name)?.[stream](line),
  };
}

/**
 * Records the first shutdown signal as an abort. Repeats are ignored: one Ctrl-C can arrive
 * more than once (the terminal signals the whole process group, and npm and tsx relay it).
 */
function listenForShutdown(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) controller.abort(signal);
  };
  for (const name of SHUTDOWN_SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    dispose: () => SHUTDOWN_SIGNALS.forEach((name) => process.off(name, onSignal)),
  };
}

async function resolveOrExplain(
  probe: RedisTarget,
  signal: AbortSignal,
  logs: Logs,
): Promise<ResolvedRedis | undefined> {
  try {
    const redis = await resolveRedis({
      env: process.env,
      dataDir: REDIS_DATA_DIR,
      onServerOutput: logs.redis,
      signal,
      probe,
    });
    logs.info(describeRedis(redis, probe));
    return redis;
  } catch (error) {
    if (signal.aborted) logs.info('Interrupted before the services started');
    else logs.error(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function describeRedis(redis: ResolvedRedis, probe: RedisTarget): string {
  switch (redis.source) {
    case 'env':
      return `Using Redis from REDIS_URL: ${redactPassword(redis.url)}`;
    case 'existing':
      return `REDIS_URL not set; using the Redis already running at ${redis.url}`;
    case 'spawned':
      return (
        `REDIS_URL not set and no usable Redis at ${redisUrl(probe)}; started redis-server at ${redis.url}, ` +
        `data in ${path.relative(REPO_ROOT, redis.dataDir)}`
      );
  }
}

/** Keeps credentials in REDIS_URL out of terminal scrollback and CI logs. */
function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

async function runServices(
  services: Service[],
  redis: ResolvedRedis,
  shutdownSignal: AbortSignal,
  logs: Logs,
): Promise<number> {
  logs.info(`Starting ${services.map((s) => s.name).join(', ')}`);
  const supervisor = supervise(services, {
    cwd: REPO_ROOT,
    env: serviceEnv(redis.url),
    output: logs.service,
    log: logs,
    graceMs: GRACE_MS,
  });
  for (const { name } of services) logs.info(`${name} started (pid ${supervisor.pid(name)})`);
  // The terminal signals the whole process group on Ctrl-C; the supervisor's SIGTERM is for
  // `kill <launcher>` and for process managers, which signal the launcher alone.
  const onShutdown = (): void => supervisor.stop('SIGTERM');
  shutdownSignal.addEventListener('abort', onShutdown, { once: true });
  const stopWatchingRedis = stopServicesIfRedisDies(redis, supervisor, logs);
  const { couldNotStart } = await supervisor.done;
  shutdownSignal.removeEventListener('abort', onShutdown);
  stopWatchingRedis();
  // A Ctrl-C reaches the services too: one that exits first is stopping, not failing to start.
  if (shutdownSignal.aborted) return 0;
  return couldNotStart ? couldNotStart.exitCode : 1;
}

/**
 * Only REDIS_URL, PATH and LOG_FORMAT are added; the supervisor lays these over the
 * inherited environment.
 */
function serviceEnv(url: string): Record<string, string> {
  // npm puts node_modules/.bin on PATH for `npm start`; doing the same keeps `tsx` resolvable
  // when the launcher is run directly (e.g. `npx tsx scripts/start.ts` from another directory).
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin');
  const PATH = [bin, process.env.PATH].filter(Boolean).join(path.delimiter);
  return { REDIS_URL: url, PATH, LOG_FORMAT: childLogFormat() };
}

/**
 * The services' stdout is a pipe to this process, so their LOG_FORMAT=auto would always mean
 * JSON: decide it here, by whether the launcher's own stdout is a terminal. A value set on
 * purpose is passed on as it is.
 */
function childLogFormat(env: NodeJS.ProcessEnv = process.env): string {
  const format = env.LOG_FORMAT ?? '';
  if (format !== '' && format !== 'auto') return format;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/** The services cannot do anything useful without the Redis we started, so don't leave them limping. */
function stopServicesIfRedisDies(redis: ResolvedRedis, supervisor: Supervisor, logs: Logs): () => void {
  if (redis.source !== 'spawned') return () => {};
  let watching = true;
  void redis.server.exited.then(() => {
    if (!watching) return;
    logs.error('redis-server exited unexpectedly; stopping the services');
    supervisor.stop('SIGTERM');
  });
  return () => {
    watching = false;
  };
}

async function stopRedis(redis: ResolvedRedis, logs: Logs): Promise<void> {
  if (redis.source !== 'spawned' || !redis.server.isRunning()) return;
  logs.info('Stopping redis-server');
  await redis.server.stop();
  logs.info('redis-server stopped');
}
