import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A redis-server process of our own: the one `npm start` runs when no Redis is configured
 * and the throwaway ones the tests and benchmarks start. One implementation, so both get
 * the same readiness check and the same guarantee that the server dies with its owner.
 */

/** A host/port pair where a Redis server may be listening. */
export interface RedisTarget {
  host: string;
  port: number;
}

const PING_TIMEOUT_MS = 500;
const READY_DEADLINE_MS = 10_000;
const READY_POLL_MS = 50;
const STOP_DEADLINE_MS = 10_000;

/** A redis-server process started here, which must not outlive its owner. */
export interface RedisServerProcess {
  readonly url: string;
  readonly port: number;
  /** Where its append-only file lives; undefined when it keeps nothing on disk. */
  readonly dataDir: string | undefined;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  isRunning(): boolean;
  /** SIGTERMs redis-server (so it flushes the append-only file) and waits for it; SIGKILL as a last resort. */
  stop(): Promise<void>;
  /** SIGKILLs redis-server at once, as a crash would, and waits until its port is free. */
  kill(): Promise<void>;
}

/** Options for {@link startRedisServer}. */
export interface StartRedisOptions {
  /** The redis-server executable. */
  binary: string;
  /** The port to use if it is free; otherwise the OS picks one. */
  preferredPort: number;
  /** Keep an append-only file here; without it the server keeps nothing on disk. */
  dataDir?: string | undefined;
  /** fsync the append-only file after every write (tests that restart Redis lose nothing). */
  fsyncAlways?: boolean;
  onOutput?: ((line: string) => void) | undefined;
  /** Aborts a start that is still waiting for readiness (e.g. Ctrl-C). */
  signal?: AbortSignal | undefined;
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

/** `preferred` if nothing listens there on 127.0.0.1, otherwise (or for 0) a port the OS hands out. */
export async function choosePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  const bound = await tryListen(preferred, host);
  if (bound) return bound;
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

/**
 * Starts redis-server on 127.0.0.1 and resolves once it answers PING. If it exits or stays
 * silent past the deadline, it is stopped and the promise rejects.
 */
export async function startRedisServer(options: StartRedisOptions): Promise<RedisServerProcess> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const port = await choosePort(options.preferredPort);
  const target: RedisTarget = { host: '127.0.0.1', port };
  const child = spawnRedis(options.binary, port, options.dataDir, options.fsyncAlways ?? false);
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

function spawnRedis(binary: string, port: number, dataDir: string | undefined, fsyncAlways: boolean): ChildProcess {
  const persistence = dataDir
    ? ['--appendonly', 'yes', '--dir', dataDir, ...(fsyncAlways ? ['--appendfsync', 'always'] : [])]
    : ['--appendonly', 'no'];
  const redisArgs = [...persistence, '--port', String(port), '--bind', '127.0.0.1', '--save', ''];
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
class SpawnedRedis implements RedisServerProcess {
  readonly url: string;
  readonly exited: Promise<void>;
  spawnError: Error | undefined;

  constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string | undefined,
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

  async kill(): Promise<void> {
    if (!this.isRunning() || this.child.pid === undefined) return;
    // The whole group: redis-server itself, not only its guardian shell.
    process.kill(-this.child.pid, 'SIGKILL');
    await this.exited;
    const target = { host: '127.0.0.1', port: this.port };
    // The shell can be reaped a moment before redis-server lets go of its port.
    while (await pingRedis(target, 100)) await sleep(READY_POLL_MS);
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
