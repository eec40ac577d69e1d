import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startRedisServer as startProcess, type RedisServerProcess } from '@iq/core/redis-server';
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

/**
 * Starts a throwaway `redis-server` on a free port (never the shared 6379), the same way
 * `npm start` starts its own: it dies with the test process, however that ends.
 */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const dataDir = opts.aof ? mkdtempSync(path.join(tmpdir(), 'iq-redis-')) : undefined;
  const start = (port: number) => startProcess({ binary, preferredPort: port, dataDir, fsyncAlways: true });
  let server: RedisServerProcess = await start(await freePort());
  const { url, port } = server;

  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  // Refused connections while redis-server restarts are expected; the client reconnects.
  client.on('error', () => undefined);
  await waitFor(async () => client.status === 'ready', { what: `a client of redis-server on ${port}` });

  return {
    url,
    port,
    client,
    async restart(signal) {
      await (signal === 'SIGKILL' ? server.kill() : server.stop());
      server = await start(port);
      if (server.port !== port) throw new Error(`redis-server came back on ${server.port}, not ${port}`);
    },
    async stop() {
      client.disconnect();
      await server.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
