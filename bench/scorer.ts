/**
 * Urgency-scoring throughput on one model and one set of texts, as ratios to the raw
 * onnxruntime baseline measured in the same run:
 *
 *   (a) raw        onnxruntime-node InferenceSession.run on pre-tokenized batches of B
 *   (b) one-by-one the transformer scorer, one text per forward pass
 *   (c) batcher    the micro-batcher under concurrent callers (what a worker does)
 *   (d) end-to-end tickets through API + BullMQ + a worker process (redis-server of its own)
 *
 * (a)–(c) report the median of three timed passes; (d) one run (it starts a system).
 *
 * The model is a DistilBERT-base-shaped network with random weights
 * (`npm run model:bench` builds it): it costs what the real model costs.
 *
 * Usage: npm run bench:scorer [-- --texts 480]  (BENCH_DTYPE=q8|fp32, BENCH_MODEL=dir)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, type DataType } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { createMicroBatcher, loadTransformerScorer, ticketText } from '@iq/core';
import { spawnWorker, startApi, startRedisServer, waitFor } from '@iq/testkit';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const MODEL = path.resolve(process.env.BENCH_MODEL ?? path.join(repoRoot, '.cache/models/bench-distilbert'));
const DTYPE = (process.env.BENCH_DTYPE ?? 'fp32') as DataType;
const BATCH = Number(process.env.SCORER_BATCH_SIZE ?? 16);
const argTexts = process.argv.indexOf('--texts');
const N = argTexts > 0 ? Number(process.argv[argTexts + 1]) : 480;

const SUBJECTS = ['Charged twice', 'App crashes on login', 'GDPR request', 'Quick question', 'Refund please', 'Outage!!!'];
const BODIES = [
  'I was billed twice for my subscription this month and nobody answers my emails. This is unacceptable, fix it today.',
  'Since the last update the app crashes every time I try to log in. Error 500. My whole team is blocked.',
  'Under the GDPR I request a copy of all personal data you hold about me. Please confirm within the legal deadline.',
  'Hi! How do I export my reports to CSV? I looked in the settings but could not find it. Thanks a lot.',
  'The order arrived damaged and I would like a refund to my credit card, not store credit.',
  'Your service has been down for two hours and we are losing money every minute. Call me back immediately.',
];
const tickets = Array.from({ length: N }, (_, i) => ({ subject: SUBJECTS[i % 6]!, body: `${BODIES[(i * 5) % 6]} (ref ${i})` }));
// Every path scores exactly these strings: what the worker builds from each ticket.
const texts = tickets.map(ticketText);

const rate = (count: number, ms: number) => (count / ms) * 1000;
const REPEATS = 3;

/** texts/s of `run` over all texts: the median of REPEATS timed passes (this VM is noisy). */
async function measure(run: () => Promise<unknown>): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await run();
    rates.push(rate(texts.length, performance.now() - start));
  }
  return rates.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}
const mib = () => process.memoryUsage().rss / 2 ** 20;

async function raw(): Promise<number> {
  const tokenizer = await AutoTokenizer.from_pretrained(MODEL, { local_files_only: true });
  const file = path.join(MODEL, 'onnx', DTYPE === 'fp32' ? 'model.onnx' : 'model_quantized.onnx');
  const session = await ort.InferenceSession.create(file);
  const batches: Record<string, ort.Tensor>[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const enc = tokenizer(texts.slice(i, i + BATCH), { padding: true, truncation: true, max_length: 512 });
    batches.push({
      input_ids: new ort.Tensor('int64', enc.input_ids.data as BigInt64Array, enc.input_ids.dims),
      attention_mask: new ort.Tensor('int64', enc.attention_mask.data as BigInt64Array, enc.attention_mask.dims),
    });
  }
  await session.run(batches[0]!); // warm-up, as the scorer gets one
  const result = await measure(async () => {
    for (const feeds of batches) await session.run(feeds);
  });
  await session.release();
  return result;
}

async function endToEnd(): Promise<number> {
  const redis = await startRedisServer();
  const api = await startApi(redis.url);
  const worker = await spawnWorker(redis.url, {
    URGENCY_SCORER: 'transformer',
    URGENCY_MODEL: MODEL,
    MODEL_DTYPE: DTYPE,
    SCORER_BATCH_SIZE: String(BATCH),
    // Enough jobs in flight to fill a batch while the previous one runs.
    WORKER_CONCURRENCY: String(BATCH * 2),
  });
  try {
    const start = performance.now();
    for (let i = 0; i < tickets.length; i += 100) {
      const res = await api.post('/tickets/batch', tickets.slice(i, i + 100));
      if (res.status !== 202) throw new Error(`batch answered ${res.status}`);
    }
    await waitFor(async () => (await api.get('/queue/size')).body.size >= texts.length, { timeoutMs: 900_000, intervalMs: 50 });
    return rate(texts.length, performance.now() - start);
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await api.close();
    await redis.stop();
  }
}

async function main() {
  if (!existsSync(path.join(MODEL, 'config.json'))) {
    console.error(`No model at ${MODEL}. Build the DistilBERT-shaped bench model first: npm run model:bench`);
    process.exit(1);
  }
  const rows: [string, number][] = [];
  rows.push([`(a) raw InferenceSession.run, batches of ${BATCH}`, await raw()]);

  const scorer = await loadTransformerScorer({ model: MODEL, cacheDir: path.join(repoRoot, '.cache/models'), dtype: DTYPE, threads: 0, offline: true });
  await scorer.score([texts[0]!]);
  rows.push([
    '(b) scorer, one text per pass',
    await measure(async () => {
      for (const text of texts) await scorer.score([text]);
    }),
  ]);

  const batcher = createMicroBatcher(scorer, { maxBatch: BATCH, maxWaitMs: 5 });
  rows.push([
    `(c) micro-batcher, ${texts.length} concurrent callers`,
    await measure(() => Promise.all(texts.map((text) => batcher.score([text])))),
  ]);
  const rss = mib();

  rows.push(['(d) end to end: API → BullMQ → worker → stored', await endToEnd()]);

  const base = rows[0]![1];
  console.log(
    `\n${texts.length} texts, model ${path.basename(MODEL)} (${DTYPE}), batch ${BATCH}; (a)–(c) median of ${REPEATS} passes, ` +
      `(d) one run; RSS of the in-process runs ${rss.toFixed(0)} MiB\n`,
  );
  console.log('| path | texts/s | ratio to (a) |\n|---|---:|---:|');
  for (const [name, r] of rows) console.log(`| ${name} | ${r.toFixed(1)} | ${(r / base).toFixed(2)} |`);
}

await main();
