/**
 * The project's worker reduced to its own parts: a BullMQ Worker on the same queue,
 * prefix and concurrency whose processor does nothing. Imports nothing from @iq/core.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const worker = new Worker(env('BENCH_QUEUE'), async () => undefined, {
  connection,
  prefix: env('BENCH_BULL_PREFIX'),
  concurrency: Number(env('WORKER_CONCURRENCY')),
});
await worker.waitUntilReady();
console.log('bare worker ready');
const shutdown = () =>
  void worker.close().then(() => {
    connection.disconnect();
    process.exit(0);
  });
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
