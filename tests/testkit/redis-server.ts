import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

export interface RedisServer {
  url: string;
  port: number;
  /** A plain client for assertions on raw keys. */
  client: Redis;
  /** Stops the server with `signal` and starts it again on the same port and data. */
  restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Persist every write to an append-only file (fsync always), so a restart keeps them. */
  aof?: boolean;
}

/** Starts a throwaway `redis-server` on a free port (never the shared 6379). */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const dir = opts.aof ? mkdtempSync(path.join(tmpdir(), 'iq-redis-')) : undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
  args.push(...(dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no']));

  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // Refused connections while redis-server starts are expected; waitFor retries.
  client.on('error', () => undefined);

  let child: ChildProcess;
  let exited: Promise<void>;
  const start = async () => {
    child = spawn(bin, args, { stdio: 'ignore' });
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await waitFor(
      async () => {
        if (client.status === 'wait' || client.status === 'end') await client.connect();
        return (await client.ping()) === 'PONG';
      },
      { what: `redis-server on ${port}` },
    );
  };
  const halt = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    port,
    client,
    async restart(signal) {
      await halt(signal);
      await start();
    },
    async stop() {
      client.disconnect();
      await halt('SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
