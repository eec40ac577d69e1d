/**
 * End-to-end throughput of the ticket pipeline, as ratios to a baseline measured in the
 * same run on the same throwaway redis-server:
 *
 *   baseline   raw BullMQ: addBulk + a worker whose processor does nothing
 *   batch      POST /tickets/batch (100 per request) → API → BullMQ → worker (lexicon) → stored
 *   single     POST /tickets, 32 requests in flight → … → stored
 *   pop        GET /tickets/next, 32 in flight, vs. raw ZPOPMAX in a loop
 *
 * Usage: npm run bench [-- --tickets 4000]
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { spawnWorker, startApi, startRedisServer, waitFor } from '@iq/testkit';
import { numberArg } from './args.js';

const N = numberArg('tickets', 3000);
const CONCURRENCY = 4;
const IN_FLIGHT = 32;

const texts = [
  'I was charged twice for my subscription and nobody answers. This is unacceptable!',
  'How do I export my data to CSV? Thanks in advance.',
  'The app crashes on login since the last update, error 500 every time.',
  'Our attorney will contact you about the GDPR request you ignored.',
  'Love the product, quick question about invoices for my accountant.',
];
const ticket = (i: number) => ({ subject: `Ticket ${i}`, body: texts[i % texts.length]! });

const rate = (count: number, ms: number) => (count / ms) * 1000;

async function pool<T>(items: T[], inFlight: number, run: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

async function baseline(url: string): Promise<number> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-baseline', { connection, prefix: '{bench}' });
  let done = 0;
  const workerConnection = new Redis(url, { maxRetriesPerRequest: null });
  const worker = new Worker('bench-baseline', async () => undefined, { connection: workerConnection, prefix: '{bench}', concurrency: CONCURRENCY });
  worker.on('completed', () => done++);
  await worker.waitUntilReady();
  const start = performance.now();
  for (let i = 0; i < N; i += 100) {
    await queue.addBulk(Array.from({ length: Math.min(100, N - i) }, (_, k) => ({ name: 'noop', data: ticket(i + k), opts: { removeOnComplete: true } })));
  }
  await waitFor(() => done >= N, { timeoutMs: 600_000, intervalMs: 5 });
  const ms = performance.now() - start;
  await worker.close();
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return rate(N, ms);
}

async function main() {
  const redis = await startRedisServer();
  const api = await startApi(redis.url);
  // The worker runs in its own process, as in production; the API shares this one with the client.
  const worker = await spawnWorker(redis.url, { WORKER_CONCURRENCY: String(CONCURRENCY) });
  const size = async () => (await api.get('/queue/size')).body.size as number;

  const base = await baseline(redis.url);

  let start = performance.now();
  for (let i = 0; i < N; i += 100) {
    const res = await api.post('/tickets/batch', Array.from({ length: Math.min(100, N - i) }, (_, k) => ticket(i + k)));
    if (res.status !== 202) throw new Error(`batch answered ${res.status}`);
  }
  await waitFor(async () => (await size()) >= N, { timeoutMs: 600_000, intervalMs: 20 });
  const batch = rate(N, performance.now() - start);

  await api.del('/queue');
  start = performance.now();
  await pool(Array.from({ length: N }, (_, i) => i), IN_FLIGHT, async (i) => {
    const res = await api.post('/tickets', ticket(i));
    if (res.status !== 202) throw new Error(`single answered ${res.status}`);
  });
  await waitFor(async () => (await size()) >= N, { timeoutMs: 600_000, intervalMs: 20 });
  const single = rate(N, performance.now() - start);

  start = performance.now();
  await pool(Array.from({ length: N }, (_, i) => i), IN_FLIGHT, async () => {
    const res = await api.get('/tickets/next');
    if (res.status !== 200) throw new Error(`pop answered ${res.status}`);
  });
  const pop = rate(N, performance.now() - start);

  const raw = new Redis(redis.url);
  await raw.zadd('{bench}:z', ...Array.from({ length: N }, (_, i) => [i, `m${i}`]).flat());
  start = performance.now();
  await pool(Array.from({ length: N }, (_, i) => i), IN_FLIGHT, () => raw.zpopmax('{bench}:z'));
  const rawPop = rate(N, performance.now() - start);
  raw.disconnect();

  const rows = [
    ['baseline: raw BullMQ, no-op worker', base, 1],
    ['batch: POST /tickets/batch → stored', batch, batch / base],
    ['single: POST /tickets → stored', single, single / base],
    ['baseline: raw ZPOPMAX', rawPop, 1],
    ['pop: GET /tickets/next (HTTP + pop-next Lua)', pop, pop / rawPop],
  ] as const;
  console.log(`\n${N} tickets, worker concurrency ${CONCURRENCY}, ${IN_FLIGHT} requests in flight, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`);
  console.log('| path | items/s | ratio to its baseline |\n|---|---:|---:|');
  for (const [name, r, ratio] of rows) console.log(`| ${name} | ${r.toFixed(0)} | ${ratio.toFixed(2)} |`);

  worker.child.kill('SIGTERM');
  await worker.exited;
  await api.close();
  await redis.stop();
}

await main();
