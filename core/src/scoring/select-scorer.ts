import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { boolVar, intVar, parseEnv } from '../runtime/env.js';
import type { Logger } from '../runtime/logger.js';
import { createLexiconScorer } from './lexicon-scorer.js';
import { createMicroBatcher } from './micro-batcher.js';
import type { Scorer } from './scorer.js';
import { ModelUnavailableError } from './model-unavailable.js';
import type { TransformerOptions } from './transformer-scorer.js';
import { createUrgencyModelScorer, DEFAULT_URGENCY_MODEL_FILE, loadUrgencyModel } from '../urgency/urgency-scorer.js';
import { LEXICON_MODEL } from './lexicon-scorer.js';

export const DEFAULT_URGENCY_MODEL = 'Xenova/distilbert-base-uncased-finetuned-sst-2-english';
export const DEFAULT_MODEL_CACHE_DIR = fileURLToPath(new URL('../../../.cache/models', import.meta.url));

/** The scorer's environment, shared by the worker, the API and the tools. */
export const scorerEnvShape = {
  /**
   * `auto`/`model`: the urgency model (cues + tone, fitted weights); `transformer`: the
   * original's S = P(NEGATIVE) of DistilBERT SST-2; `lexicon`: VADER alone.
   */
  URGENCY_SCORER: z.enum(['auto', 'model', 'transformer', 'lexicon']).default('auto'),
  /** The urgency model file (`npm run train:urgency` writes the committed one). */
  URGENCY_MODEL_FILE: z.string().min(1).default(DEFAULT_URGENCY_MODEL_FILE),
  /**
   * The urgency model's tone feature: `auto` uses the sentiment backend its weights were
   * fitted on; `transformer` the DistilBERT model (VADER if it cannot load); `lexicon` VADER.
   */
  URGENCY_TONE: z.enum(['auto', 'transformer', 'lexicon']).default('auto'),
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
 * - `auto` / `model`: the urgency model; its tone from the backend URGENCY_TONE picks;
 * - `transformer`: the transformer alone (the original's S), or a ModelUnavailableError;
 * - `lexicon`: VADER alone.
 * A malformed urgency model file is an UrgencyModelError: the process must not start
 * with a scorer nobody chose.
 */
export async function createScorer(config: ScorerConfig, log: Logger): Promise<Scorer> {
  if (config.URGENCY_SCORER === 'lexicon') return createLexiconScorer('URGENCY_SCORER=lexicon');
  if (config.URGENCY_SCORER === 'transformer') return loadTransformer(config, log, 'URGENCY_SCORER=transformer (the original: S = P(NEGATIVE))');
  const model = loadUrgencyModel(config.URGENCY_MODEL_FILE);
  const wantsTransformer = config.URGENCY_TONE === 'transformer' || (config.URGENCY_TONE === 'auto' && model.file.tone !== LEXICON_MODEL);
  let tone: Scorer;
  let reason = `URGENCY_SCORER=${config.URGENCY_SCORER}; tone weights fitted on ${model.file.tone}`;
  if (!wantsTransformer) {
    tone = createLexiconScorer('tone of the urgency model');
  } else {
    try {
      tone = await loadTransformer(config, log, 'tone of the urgency model');
    } catch (error) {
      if (!(error instanceof ModelUnavailableError)) throw error;
      reason += `; fallback: tone from ${LEXICON_MODEL}, the transformer is unavailable (${error.message})`;
      log.warn(
        `\n${'!'.repeat(78)}\n  URGENCY TONE FALLBACK: the transformer could not be loaded, so the urgency model takes\n` +
          `  its tone from VADER.\n  ${error.message}\n` +
          `  Fix: run \`npm run model:fetch\` with network access, or set URGENCY_MODEL to a local\n` +
          `  model directory; set URGENCY_TONE=lexicon to silence this.\n${'!'.repeat(78)}`,
      );
      tone = createLexiconScorer('tone of the urgency model');
    }
  }
  const scorer = createUrgencyModelScorer(model, tone, reason);
  log.info({ model: scorer.info.model }, 'urgency model loaded');
  return scorer;
}

/**
 * Loads the transformer scorer (see transformer-scorer.ts). transformers.js and onnxruntime
 * (~160 MiB) are imported here, on the first call, never by importing `@iq/core`: a
 * process with the lexicon or the urgency model on VADER never loads them.
 */
export async function loadTransformerScorer(opts: TransformerOptions): Promise<Scorer> {
  const transformer = await import('./transformer-scorer.js');
  return transformer.loadTransformerScorer(opts);
}

/** The transformer, warmed up once and wrapped in a micro-batcher. */
async function loadTransformer(config: ScorerConfig, log: Logger, reason: string): Promise<Scorer> {
  const transformer = await loadTransformerScorer({ ...transformerOptions(config), onProgress: progressLogger(log) });
  await transformer.score(['warm-up: the first pass allocates what later ones reuse']);
  transformer.info.reason = reason;
  log.info({ model: transformer.info.model }, 'transformer scorer loaded');
  return createMicroBatcher(transformer, { maxBatch: config.SCORER_BATCH_SIZE, maxWaitMs: config.SCORER_BATCH_WAIT_MS });
}

/** `createScorer` straight from environment variables (for tools such as `npm run eval`). */
export function createScorerFromEnv(env: Record<string, string | undefined>, log: Logger): Promise<Scorer> {
  return createScorer(parseEnv(scorerEnvShape, env), log);
}
