import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  type DataType,
  type ProgressInfo,
} from '@huggingface/transformers';
import { ModelUnavailableError } from './model-unavailable.js';
import { scoreNonBlank, type Scorer, type ScorerInfo } from './scorer.js';

export interface TransformerOptions {
  /** A hub model id (`owner/name`) or a local directory in the transformers.js layout. */
  model: string;
  /** Where hub downloads are cached. */
  cacheDir: string;
  dtype: DataType;
  /** onnxruntime intra-op threads; 0 leaves onnxruntime's default (one per core). */
  threads: number;
  /** Never reach the network (a local directory always implies this). */
  offline: boolean;
  /** Tokens per text at most; longer texts are truncated. */
  maxLength?: number;
  onProgress?: (info: ProgressInfo) => void;
}

export { ModelUnavailableError };

const isDirectory = (p: string) => existsSync(p) && statSync(p).isDirectory();
const looksLikePath = (model: string) => path.isAbsolute(model) || model.startsWith('.');

/**
 * Where transformers.js should look for `model`. A local directory becomes its parent as
 * `localModelPath` plus its name as the id, which is how transformers.js resolves local
 * models; a hub id is looked up in the cache and, unless offline, on the hub.
 */
function resolveModel(opts: TransformerOptions): { id: string; local: boolean } {
  const candidate = path.resolve(opts.model);
  if (isDirectory(candidate)) {
    env.localModelPath = path.dirname(candidate) + path.sep;
    return { id: path.basename(candidate), local: true };
  }
  if (looksLikePath(opts.model)) throw new ModelUnavailableError(`model directory ${candidate} does not exist`);
  // Offline, transformers.js fails on a missing cache entry with an unhelpful TypeError.
  if (opts.offline && !existsSync(path.join(opts.cacheDir, opts.model, 'config.json'))) {
    throw new ModelUnavailableError(`${opts.model} is not in the model cache ${opts.cacheDir} and remote loading is off`);
  }
  return { id: opts.model, local: false };
}

/**
 * This module loads transformers.js (and onnxruntime) when imported: import it only with
 * `import()` when a transformer is selected (select-scorer's `loadTransformerScorer`), or
 * `import type`; the core barrel does not re-export it.
 *
 * Loads a sequence-classification model once and scores batches with one forward pass:
 * S = softmax(logits)[NEGATIVE]. Texts are truncated to the model's max length.
 */
export async function loadTransformerScorer(opts: TransformerOptions): Promise<Scorer> {
  const { id, local } = resolveModel(opts);
  env.allowLocalModels = true;
  env.allowRemoteModels = !local && !opts.offline;
  env.cacheDir = opts.cacheDir;

  const loadOptions = {
    dtype: opts.dtype,
    ...(opts.onProgress ? { progress_callback: opts.onProgress } : {}),
    session_options: opts.threads > 0 ? { intraOpNumThreads: opts.threads, interOpNumThreads: 1 } : {},
  };
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof AutoModelForSequenceClassification.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(id, { ...(opts.onProgress ? { progress_callback: opts.onProgress } : {}) });
    model = await AutoModelForSequenceClassification.from_pretrained(id, loadOptions);
  } catch (error) {
    const where = local ? `directory ${path.resolve(opts.model)}` : `${opts.model} (${env.allowRemoteModels ? 'cache or hub' : 'cache only, offline'})`;
    throw new ModelUnavailableError(`could not load model ${where}: ${(error as Error).message}`, { cause: error });
  }

  const id2label = (model.config as unknown as { id2label?: Record<string, string> }).id2label ?? {};
  const negative = Number(Object.entries(id2label).find(([, label]) => label.toUpperCase() === 'NEGATIVE')?.[0] ?? 0);
  const maxLength = opts.maxLength ?? (model.config as unknown as { max_position_embeddings?: number }).max_position_embeddings ?? 512;
  const name = local ? `${path.basename(path.resolve(opts.model))} (local)` : opts.model;
  const info: ScorerInfo = { kind: 'transformer', model: `${name} ${opts.dtype}`, reason: 'configured' };

  return {
    info,
    score: (texts: string[]) =>
      scoreNonBlank(texts, info.model, async (filled) => {
        const inputs = tokenizer(filled, { padding: true, truncation: true, max_length: maxLength });
        const { logits } = (await model(inputs)) as { logits: { data: Float32Array; dims: number[] } };
        const classes = logits.dims[1]!;
        return filled.map((_, row) => {
          const scores = softmax(logits.data.subarray(row * classes, (row + 1) * classes));
          const s = scores[negative]!;
          return { score: s, label: s >= 0.5 ? 'NEGATIVE' : 'POSITIVE', model: info.model };
        });
      }),
  };
}

function softmax(values: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(values));
  const exps = Array.from(values, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
