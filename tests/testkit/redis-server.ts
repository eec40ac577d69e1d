import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

export interface RedisServer {
  url: string;
  port: number;
  /** A plain client for assertions on raw keys. */
  client: Redis;
  stop(): Promise<void>;
}

/** Starts a throwaway `redis-server` on a free port (never the shared 6379). */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const child: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // Refused connections while redis-server starts are expected; waitFor retries.
  client.on('error', () => undefined);
  await waitFor(async () => (await client.connect().then(() => client.ping())) === 'PONG', { what: `redis-server on ${port}` });
  return {
    url,
    port,
    client,
    async stop() {
      client.disconnect();
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
