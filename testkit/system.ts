import type { TicketWorker } from '@iq/worker/worker';
import { startApi, type Api } from './api.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { startWorker } from './worker.js';

export interface System {
  redis: RedisServer;
  api: Api;
  worker: TicketWorker;
  stop(): Promise<void>;
}

/** A whole system on real parts: its own redis-server, the API on a free port, a worker. */
export async function startSystem(
  opts: { apiEnv?: Record<string, string>; workerEnv?: Record<string, string> } = {},
): Promise<System> {
  const redis = await startRedisServer();
  const api = await startApi(redis.url, opts.apiEnv);
  const worker = await startWorker(redis.url, opts.workerEnv);
  return {
    redis,
    api,
    worker,
    async stop() {
      await worker.close();
      await api.close();
      await redis.stop();
    },
  };
}
