/**
 * Transformer worker drain: the q8 DistilBERT-base-shaped bench model (`npm run
 * model:bench`; built here when missing). Project: a worker process with
 * URGENCY_SCORER=transformer (micro-batches of 16, concurrency 32) draining T tickets from
 * a paused-then-resumed queue, the whole pipeline. Baseline: a process running the model's
 * tokenizer + raw onnxruntime on the same T texts (what the worker scores), batches of 16.
 * Both load and warm up before the clock starts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ticketText } from '@iq/core';
import { startRedisServer } from '@iq/testkit';
import { filler } from '../lib/fill.js';
import { runJsonChild } from '../lib/json-child.js';
import { interleave } from '../lib/interleave.js';
import { BUNDLES, projectWorker, stop } from '../lib/procs.js';
import { keys } from '../lib/project.js';
import { ticket } from '../lib/tickets.js';
import type { Sample, Scenario } from './types.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const MODEL = path.join(repoRoot, '.cache/models/bench-distilbert');
const DTYPE = 'q8';
const BATCH = 16;

async function rawOnnx(texts: string[]): Promise<number> {
  const input = { model: MODEL, dtype: DTYPE, batch: BATCH, texts };
  return (await runJsonChild<{ rate: number }>([path.join(repoRoot, BUNDLES.rawOnnx)], input, 'raw onnxruntime')).rate;
}

export const transformer: Scenario = {
  name: 'transformer',
  describe: 'transformer worker drain (q8 bench model) vs raw onnxruntime on the same texts',
  async run(ctx) {
    if (!existsSync(path.join(MODEL, 'onnx', 'model_quantized.onnx'))) {
      ctx.log('building the bench model (npm run model:bench)…');
      const built = spawnSync('npm', ['run', 'model:bench'], { cwd: repoRoot, stdio: 'ignore', timeout: 180_000 });
      if (built.status !== 0) throw new Error('npm run model:bench failed or took over 3 minutes: scenario skipped');
    }
    const n = ctx.quick ? 32 : 160;
    const texts = Array.from({ length: n }, (_, i) => ticketText(ticket(i)));
    const redis = await startRedisServer();
    const fill = filler(redis.url);
    const worker = await projectWorker(redis.url, BATCH * 2, {
      URGENCY_SCORER: 'transformer',
      URGENCY_MODEL: MODEL,
      MODEL_DTYPE: DTYPE,
      MODEL_OFFLINE: '1',
      SCORER_BATCH_SIZE: String(BATCH),
    });
    try {
      const project = async (round: number): Promise<Sample> => {
        await redis.client.flushall();
        await fill.queue.pause();
        await fill.project(n, `x${round}`);
        const rate = await fill.drain(n);
        const stored = await redis.client.zcard(keys.processedIndex);
        if (stored !== n) throw new Error(`transformer drain stored ${stored} of ${n}`);
        ctx.log(`transformer project round ${round}: ${rate.toFixed(1)} texts/s`);
        return { value: rate };
      };
      const bare = async (round: number): Promise<Sample> => {
        const rate = await rawOnnx(texts);
        ctx.log(`transformer raw onnxruntime round ${round}: ${rate.toFixed(1)} texts/s`);
        return { value: rate };
      };
      const r = await interleave(ctx.rounds, project, bare);
      return [
        {
          scenario: 'transformer',
          path: `transformer worker drain, ${n} tickets, q8 bench model, 1 process`,
          baseline: `tokenizer + raw onnxruntime InferenceSession.run, batches of ${BATCH}, same texts`,
          unit: 'texts/s',
          higherIsBetter: true,
          project: r.a,
          bare: r.b,
        },
      ];
    } finally {
      await stop(worker);
      await fill.close();
      await redis.stop();
    }
  },
};
