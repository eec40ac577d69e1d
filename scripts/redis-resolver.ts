import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/** A host/port pair where a Redis server may be listening. */
export interface RedisTarget {
  host: string;
  port: number;
}

/** Where a developer's own Redis normally lives; also the port we prefer for one we start. */
export const DEFAULT_REDIS: RedisTarget = { host: '127.0.0.1', port: 6379 };

const PING_TIMEOUT_MS = 500;
const READY_DEADLINE_MS = 10_000;
const READY_POLL_MS = 100;
const STOP_DEADLINE_MS = 10_000;

/** A redis-server process started by the launcher, which must not outlive it. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  isRunning(): boolean;
  /** SIGTERMs redis-server (so it flushes the append-only file) and waits for it; SIGKILL as a last resort. */
  stop(): Promise<void>;
}

/** The Redis the services should use, and where it came from. */
export type ResolvedRedis =
  | { source: 'env'; url: string }
  | { source: 'existing'; url: string }
  | { source: 'spawned'; url: string; server: RedisServer };

/** Thrown when no Redis is reachable and none can be started; its message is meant for the user. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
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
 * Decides which Redis the services use: `REDIS_URL` if set, else a Redis already answering on
 * 127.0.0.1:6379, else a redis-server started here with data under `dataDir`.
 *
 * @throws {RedisUnavailableError} when none of those is possible.
 */
export async function resolveRedis(options: ResolveRedisOptions): Promise<ResolvedRedis> {
  const fromEnv = options.env.REDIS_URL;
  // An empty value usually comes from a `REDIS_URL=` line in a .env file, meaning "not configured".
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { source: 'env', url: fromEnv };

  const probe = options.probe ?? DEFAULT_REDIS;
  if (await pingRedis(probe)) return { source: 'existing', url: redisUrl(probe) };

  const binary = findExecutable('redis-server', options.env.PATH);
  if (!binary) throw new RedisUnavailableError(noRedisMessage(probe));

  const server = await startRedisServer({
    binary,
    dataDir: options.dataDir,
    preferredPort: probe.port,
    onOutput: options.onServerOutput,
    signal: options.signal,
  });
  return { source: 'spawned', url: server.url, server };
}

function noRedisMessage(probe: RedisTarget): string {
  return [
    `No Redis found: REDIS_URL is not set, nothing answered PING at ${probe.host}:${probe.port}, and redis-server is not on PATH.`,
    'Either install Redis (Debian/Ubuntu: sudo apt-get install redis-server) and run this again,',
    'or point the app at an existing server, e.g. REDIS_URL=redis://host:6379 npm start',
  ].join('\n');
}

/** Formats a target as the `redis://` URL the services expect. */
export function redisUrl(target: RedisTarget): string {
  return `redis://${target.host}:${target.port}`;
}

/**
 * Whether a Redis server answers `PING` with `+PONG` at `target`.
 * A raw socket keeps this cheap and avoids a client library's reconnect logic; anything else
 * (refused, silence, `-NOAUTH`, a non-Redis service) counts as "no usable Redis".
 */
export function pingRedis(target: RedisTarget, timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: target.host, port: target.port });
    let reply = '';
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
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

/** `preferred` if nothing listens there on 127.0.0.1, otherwise a port the OS hands out. */
export async function choosePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  if (await tryListen(preferred, host)) return preferred;
  const port = await tryListen(0, host);
  if (!port) throw new Error(`Could not find a free TCP port on ${host}`);
  return port;
}

/** Binds and immediately releases `port`; resolves the bound port, or undefined if it was taken. */
function tryListen(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** Options for {@link startRedisServer}. */
export interface StartRedisOptions {
  binary: string;
  dataDir: string;
  preferredPort: number;
  onOutput?: ((line: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Starts redis-server with append-only persistence in `dataDir` and resolves once it answers PING.
 * If it exits or stays silent past the deadline, it is stopped and the promise rejects.
 */
export async function startRedisServer(options: StartRedisOptions): Promise<RedisServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = await choosePort(options.preferredPort);
  const target: RedisTarget = { host: '127.0.0.1', port };
  const child = spawnRedis(options.binary, options.dataDir, port);
  if (options.onOutput) forwardLines(child, options.onOutput);
  const server = new SpawnedRedis(child, port, options.dataDir);
  try {
    await waitUntilReady(server, target, options.signal);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * sh program that runs redis-server and ties its life to our stdin pipe: when the pipe closes
 * (on stop(), or because the launcher died in any way, even SIGKILL, which tsx's signal relay
 * can deliver on Ctrl-C), redis-server gets SIGTERM and the script waits for it. Without this a
 * killed launcher leaves a detached Redis holding the data directory, and the next start would
 * run a second server on the same append-only file.
 */
const GUARDIAN_SCRIPT = [
  '"$@" </dev/null &',
  'redis=$!',
  // Background jobs get /dev/null as stdin, so hand the pipe to the watcher through fd 3, and
  // keep it away from redis-server, or the pipe would never close while Redis runs.
  'exec 3<&0 </dev/null',
  '{ cat <&3 >/dev/null; kill -TERM "$redis" 2>/dev/null; } >/dev/null 2>&1 &',
  'exec 3<&-',
  'wait "$redis"',
].join('\n');

function spawnRedis(binary: string, dataDir: string, port: number): ChildProcess {
  const redisArgs = [
    '--appendonly', 'yes',
    '--dir', dataDir,
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--save', '',
  ];
  // Detached = own process group, so a terminal Ctrl-C reaches only the services; Redis must keep
  // running while they shut down (workers still talk to it) and is stopped after them.
  return spawn('/bin/sh', ['-c', GUARDIAN_SCRIPT, 'redis-guardian', binary, ...redisArgs], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
}

function forwardLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }
}

/** Owns a guarded redis-server: remembers why it failed and knows how to stop it. */
class SpawnedRedis implements RedisServer {
  readonly url: string;
  readonly exited: Promise<void>;
  spawnError: Error | undefined;

  constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.url = redisUrl({ host: '127.0.0.1', port });
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (error) => {
        this.spawnError = error;
        // 'exit' does not follow a failed spawn, so settle here too.
        if (child.pid === undefined) resolve();
      });
    });
    // The pipe may already be closed by a dying guardian; that is not our error to report.
    child.stdin?.on('error', () => {});
  }

  isRunning(): boolean {
    return this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.isRunning()) return;
    this.child.stdin?.end();
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      sleep(STOP_DEADLINE_MS, true, { ref: false }),
    ]);
    if (timedOut && this.isRunning() && this.child.pid !== undefined) {
      process.kill(-this.child.pid, 'SIGKILL');
      await this.exited;
    }
  }
}

async function waitUntilReady(server: SpawnedRedis, target: RedisTarget, signal?: AbortSignal): Promise<void> {
  let hasExited = false;
  void server.exited.then(() => (hasExited = true));
  const deadline = Date.now() + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (hasExited) throw new Error(startFailureMessage(server));
    if (await pingRedis(target)) return;
    await sleep(READY_POLL_MS);
  }
  throw new Error(`redis-server on port ${target.port} did not answer PING within ${READY_DEADLINE_MS / 1000} s`);
}

function startFailureMessage(server: SpawnedRedis): string {
  const cause = server.spawnError;
  return cause
    ? `Could not run redis-server: ${cause.message}`
    : `redis-server exited during startup (see its output above)`;
}
