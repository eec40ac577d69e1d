import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { boolVar, intVar, parseEnv } from '../config/env.js';
import type { Logger } from '../logger.js';
import { createLexiconScorer } from './lexicon-scorer.js';
import { createMicroBatcher } from './micro-batcher.js';
import type { Scorer } from './scorer.js';
import { loadTransformerScorer, ModelUnavailableError, type TransformerOptions } from './transformer-scorer.js';

export const DEFAULT_URGENCY_MODEL = 'Xenova/distilbert-base-uncased-finetuned-sst-2-english';
export const DEFAULT_MODEL_CACHE_DIR = fileURLToPath(new URL('../../../.cache/models', import.meta.url));

/** The scorer's environment, shared by the worker, the API and the tools. */
export const scorerEnvShape = {
  URGENCY_SCORER: z.enum(['auto', 'transformer', 'lexicon']).default('auto'),
  URGENCY_MODEL: z.string().min(1).default(DEFAULT_URGENCY_MODEL),
  MODEL_CACHE_DIR: z.string().min(1).default(DEFAULT_MODEL_CACHE_DIR),
  MODEL_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4']).default('q8'),
  MODEL_THREADS: intVar(0, 0, 256),
  /** Never reach the model hub; also set by HF_HUB_OFFLINE=1. */
  MODEL_OFFLINE: boolVar(false),
  HF_HUB_OFFLINE: boolVar(false),
  SCORER_BATCH_SIZE: intVar(16, 1, 1024),
  SCORER_BATCH_WAIT_MS: intVar(5, 0, 10_000),
};

export type ScorerConfig = z.infer<z.ZodObject<typeof scorerEnvShape>>;

/** The transformer loading options a scorer configuration asks for. */
export function transformerOptions(config: ScorerConfig): TransformerOptions {
  return {
    model: config.URGENCY_MODEL,
    cacheDir: config.MODEL_CACHE_DIR,
    dtype: config.MODEL_DTYPE,
    threads: config.MODEL_THREADS,
    offline: config.MODEL_OFFLINE || config.HF_HUB_OFFLINE,
  };
}

/** Throttles load/download progress to one log line per file per 10 %. */
function progressLogger(log: Logger) {
  const lastDecile = new Map<string, number>();
  return (info: { status: string; file?: string; progress?: number; total?: number }) => {
    if (info.status !== 'progress' || !info.file || info.progress === undefined) return;
    const decile = Math.floor(info.progress / 10);
    if ((lastDecile.get(info.file) ?? -1) >= decile) return;
    lastDecile.set(info.file, decile);
    log.info({ file: info.file, percent: Math.round(info.progress), bytes: info.total }, 'loading model file');
  };
}

/**
 * The scorer the configuration asks for:
 * - `lexicon`: the lexicon scorer;
 * - `transformer`: the transformer, or a ModelUnavailableError saying why not;
 * - `auto`: the transformer if it loads, else the lexicon scorer, with one loud warning
 *   and the reason kept in `info.reason` (shown by /health).
 * A transformer is warmed up once and wrapped in a micro-batcher.
 */
export async function createScorer(config: ScorerConfig, log: Logger): Promise<Scorer> {
  if (config.URGENCY_SCORER === 'lexicon') return createLexiconScorer('URGENCY_SCORER=lexicon');
  try {
    const transformer = await loadTransformerScorer({ ...transformerOptions(config), onProgress: progressLogger(log) });
    await transformer.score(['warm-up: the first pass allocates what later ones reuse']);
    transformer.info.reason = `URGENCY_SCORER=${config.URGENCY_SCORER}`;
    log.info({ model: transformer.info.model }, 'transformer scorer loaded');
    return createMicroBatcher(transformer, { maxBatch: config.SCORER_BATCH_SIZE, maxWaitMs: config.SCORER_BATCH_WAIT_MS });
  } catch (error) {
    if (config.URGENCY_SCORER === 'transformer' || !(error instanceof ModelUnavailableError)) throw error;
    const reason = `fallback: transformer unavailable (${error.message})`;
    log.warn(
      `\n${'!'.repeat(78)}\n  URGENCY SCORER FALLBACK: the transformer model could not be loaded, so tickets are\n` +
        `  scored by the lexicon scorer (VADER).\n  ${error.message}\n` +
        `  Fix: run \`npm run model:fetch\` with network access, or set URGENCY_MODEL to a local\n` +
        `  model directory; set URGENCY_SCORER=lexicon to silence this.\n${'!'.repeat(78)}`,
    );
    return createLexiconScorer(reason);
  }
}

/** `createScorer` straight from environment variables (for tools such as `npm run eval`). */
export function createScorerFromEnv(env: Record<string, string | undefined>, log: Logger): Promise<Scorer> {
  return createScorer(parseEnv(scorerEnvShape, env), log);
}

/** For entry points: `createScorer`, or print why the transformer is unavailable and exit 1. */
export async function createScorerOrExit(config: ScorerConfig, log: Logger): Promise<Scorer> {
  try {
    return await createScorer(config, log);
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    log.fatal(`URGENCY_SCORER=transformer, but ${error.message}. Set URGENCY_MODEL to a model directory, run \`npm run model:fetch\`, or use URGENCY_SCORER=auto.`);
    process.exit(1);
  }
}
