/**
 * What the urgency model costs the worker: tickets/s through a worker process scoring
 * with the urgency model (cues + VADER tone) against one scoring with VADER alone, on the
 * same redis-server, rounds interleaved, the same tickets each round.
 *
 * Usage: npm run bench:urgency [-- --tickets 2000 --rounds 4]
 */
import { spawnWorker, startApi, startRedisServer, waitFor, type ServiceProcess } from '@iq/testkit';
import { median, numberArg } from './args.js';

const N = numberArg('tickets', 2000);
const ROUNDS = numberArg('rounds', 4);
const CONCURRENCY = 4;

const texts = [
  ['Checkout down for all customers', 'Since 9am none of our customers can pay. Please help today.'],
  ['Question about invoices', 'How do I download last year\'s invoices? No rush, thanks in advance.'],
  ['YOUR FONT IS UGLY', 'I HATE the new font on the dashboard. Change it back!!!'],
  ['Charged twice', 'We were charged twice for the March invoice ($4,200). Our account is overdrawn.'],
  ['Subpoena received', 'Our lawyer received a subpoena about account 4411; the court deadline is Friday.'],
];


async function main() {
  const redis = await startRedisServer();
  const api = await startApi(redis.url);
  const rates: Record<'lexicon' | 'model', number[]> = { lexicon: [], model: [] };
  let round = 0;
  const runWith = async (scorer: 'lexicon' | 'model') => {
    const worker: ServiceProcess = await spawnWorker(redis.url, { URGENCY_SCORER: scorer === 'model' ? 'auto' : 'lexicon', WORKER_CONCURRENCY: String(CONCURRENCY) });
    await api.del('/queue');
    const start = performance.now();
    for (let i = 0; i < N; i += 100) {
      const batch = Array.from({ length: Math.min(100, N - i) }, (_, k) => {
        const [subject, body] = texts[(i + k) % texts.length]!;
        return { ticket_id: `u${round}-${i + k}`, subject: subject!, body: body! };
      });
      const res = await api.post('/tickets/batch', batch);
      if (res.status !== 202) throw new Error(`batch answered ${res.status}`);
    }
    await waitFor(async () => (await api.get('/queue/size')).body.size >= N, { timeoutMs: 600_000, intervalMs: 20 });
    rates[scorer].push((N / (performance.now() - start)) * 1000);
    worker.child.kill('SIGTERM');
    await worker.exited;
    round++;
  };
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so neither always meets a warmer Redis.
    for (const scorer of r % 2 === 0 ? (['lexicon', 'model'] as const) : (['model', 'lexicon'] as const)) await runWith(scorer);
  }
  console.log(`\n${N} tickets × ${ROUNDS} rounds per scorer, worker concurrency ${CONCURRENCY}, medians\n`);
  console.log('| worker scoring with | tickets/s | ratio |\n|---|---:|---:|');
  console.log(`| VADER alone (baseline) | ${median(rates.lexicon).toFixed(0)} | 1.00 |`);
  console.log(`| urgency model (cues + VADER tone) | ${median(rates.model).toFixed(0)} | ${(median(rates.model) / median(rates.lexicon)).toFixed(2)} |`);
  await api.close();
  await redis.stop();
}

await main();
