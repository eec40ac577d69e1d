// Builds .cache/models/bench-distilbert: a model with the shapes and ops of
// distilbert-base-uncased-finetuned-sst-2-english (6 layers, hidden 768,
// 12 heads, FFN 3072, vocab 30522, 512 positions) but seeded random weights.
// The real weights cannot be downloaded here; benchmarks only need the real
// compute cost per token, which depends on shapes and ops, not on values.
// Its labels are therefore meaningless: use it for timing, never for quality.
//
// Writes onnx/model.onnx (fp32, ~268 MB) and onnx/model_quantized.onnx
// (dynamic quantization, ~68 MB: int8 weights, uint8 activations, the
// graph onnxruntime's quantize_dynamic produces), so dtype 'fp32' and 'q8'
// both load. The directory is git-ignored.
//
// Run: npm run model:bench (same bytes on every run).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGLISH_WORDS } from './english-words.js';
import { SPECIAL_TOKENS, distilbertConfig, uniqueTokens, writeModelDir } from './hf-files.js';
import {
  DataType,
  encodeModel,
  float,
  floats,
  graph,
  int,
  int64s,
  node,
  scalarInt64,
  seededRandom,
  tensor,
  valueInfo,
  type NodeProto,
  type TensorProto,
} from './onnx-graph.js';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../.cache/models/bench-distilbert');

const VOCAB_SIZE = 30522;
const MAX_POSITIONS = 512;
const HIDDEN = 768;
const HEADS = 12;
const HEAD_DIM = HIDDEN / HEADS;
const FFN = 3072;
const LAYERS = 6;
const LABELS = 2;
const LN_EPS = 1e-12;
// DistilBERT's initializer_range; keeps activations in the range the real
// weights give, so no op runs on denormals or overflows.
const INIT_STD = 0.02;

// --- vocabulary ------------------------------------------------------------

const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const SUFFIXES = `s es ed d ing ly er ers est ful ness able ible ment ments tion tions sion ion al ial ic ical
ive ous ity ize ized izing ization less ship ist ism ish y ty ry ary ory ance ence ant ent age ure ward wise`.split(/\s+/);

// Rough English letter frequencies: the filler n-grams most likely to occur
// get ids first, as a trained WordPiece vocabulary would give them.
const LETTER_FREQ: Record<string, number> = Object.fromEntries(
  [...'etaoinshrdlcumwfgypbvkjxqz'].map((c, i) => [c, 26 - i]),
);
const ngrams = (n: number): string[] =>
  n === 0 ? [''] : ngrams(n - 1).flatMap((prefix) => LETTERS.map((c) => prefix + c));
const ngramScore = (g: string) => [...g].reduce((p, c) => p * LETTER_FREQ[c]!, 1);

function buildVocab(): string[] {
  const words = ENGLISH_WORDS.trim()
    .split(/\s+/)
    // BertPreTokenizer splits "don't" into don ' t, so only letter runs can match.
    .flatMap((w) => w.toLowerCase().split(/[^a-z]+/));
  const twoLetter = ngrams(2);
  // bert-base-uncased holds most numbers below 1000 and recent years whole.
  const numbers = [...Array.from({ length: 1000 }, (_, i) => String(i)), ...Array.from({ length: 131 }, (_, i) => String(1900 + i))];
  const head = uniqueTokens([
    ...SPECIAL_TOKENS,
    ...PUNCTUATION,
    ...DIGITS,
    ...LETTERS,
    ...words,
    ...SUFFIXES.map((s) => `##${s}`),
    ...LETTERS.map((c) => `##${c}`),
    ...DIGITS.map((d) => `##${d}`),
    ...numbers,
    ...twoLetter,
    ...twoLetter.map((g) => `##${g}`),
  ]);
  // The rest of the 30522 ids: three-letter word starts and continuations,
  // most frequent first, so unknown words split into a few pieces, not letters.
  const taken = new Set(head);
  const filler = ngrams(3)
    .map((g, i) => ({ g, i, score: ngramScore(g) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .flatMap(({ g }) => [`##${g}`, g])
    .filter((t) => !taken.has(t));
  const vocab = [...head, ...filler].slice(0, VOCAB_SIZE);
  for (let i = 0; vocab.length < VOCAB_SIZE; i++) vocab.push(`[unused${i}]`);
  return vocab;
}

// --- weights ---------------------------------------------------------------

// Each tensor gets its own stream seeded from its name, so the values do not
// depend on build order and fp32 and q8 quantize the very same weights.
function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

function randomWeights(name: string, count: number): Float32Array {
  const rand = seededRandom(seedOf(name));
  // Uniform with the std of the real init; the shape of the distribution
  // does not change the cost of any op.
  const a = INIT_STD * Math.sqrt(3);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() * 2 - 1) * a;
  return out;
}

/**
 * Symmetric per-tensor int8 with zero point 0: transformers.js's converter
 * quantizes q8 weights to signed int8 for models without Conv, since
 * onnxruntime's uint8-activation x int8-weight kernels are its fastest on
 * x86 (on this AVX2 machine uint8 weights ran 2-4x slower).
 */
function quantizeInt8(values: Float32Array): { q: Int8Array; scale: number } {
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = Math.fround(maxAbs / 127 || 1);
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(values[i]! / scale)));
  return { q, scale };
}

// --- graph -----------------------------------------------------------------

type Dtype = 'fp32' | 'q8';

class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly quantizedInputs = new Map<string, [string, string, string]>();

  constructor(readonly dtype: Dtype) {}

  add(op: string, inputs: string[], output: string, attrs: Parameters<typeof node>[3] = {}): string {
    this.nodes.push(node(op, inputs, [output], attrs));
    return output;
  }

  init(t: TensorProto): string {
    this.initializers.push(t);
    return t.name!;
  }

  /** y = x W + b, the Linear of every projection; quantized like quantize_dynamic in q8. */
  linear(x: string, name: string, inDim: number, outDim: number): string {
    const w = randomWeights(`${name}.weight`, inDim * outDim);
    const bias = this.init(floats(`${name}.bias`, [outDim], randomWeights(`${name}.bias`, outDim)));
    if (this.dtype === 'fp32') {
      const wName = this.init(tensor(`${name}.weight`, [inDim, outDim], w));
      return this.add('Add', [this.add('MatMul', [x, wName], `${name}.matmul`), bias], `${name}.out`);
    }
    const { q, scale } = quantizeInt8(w);
    const wq = this.init(tensor(`${name}.weight_quantized`, [inDim, outDim], q));
    const wScale = this.init(floats(`${name}.weight_scale`, [], [scale]));
    const wZero = this.init(tensor(`${name}.weight_zero_point`, [], Int8Array.of(0)));
    const [xq, xScale, xZero] = this.dynamicQuantize(x);
    const acc = this.add('MatMulInteger', [xq, wq, xZero, wZero], `${name}.matmul_int`);
    const accF = this.add('Cast', [acc], `${name}.matmul_int_float`, { to: int(DataType.FLOAT) });
    const s = this.add('Mul', [xScale, wScale], `${name}.scale`);
    const y = this.add('Mul', [accF, s], `${name}.matmul`);
    return this.add('Add', [y, bias], `${name}.out`);
  }

  // Q, K and V read the same input: quantize it once, as quantize_dynamic does.
  private dynamicQuantize(x: string): [string, string, string] {
    let q = this.quantizedInputs.get(x);
    if (!q) {
      q = [`${x}_quantized`, `${x}_scale`, `${x}_zero_point`];
      this.nodes.push(node('DynamicQuantizeLinear', [x], q));
      this.quantizedInputs.set(x, q);
    }
    return q;
  }

  layerNorm(x: string, name: string): string {
    const gamma = this.init(floats(`${name}.weight`, [HIDDEN], new Float32Array(HIDDEN).fill(1)));
    const beta = this.init(floats(`${name}.bias`, [HIDDEN], new Float32Array(HIDDEN)));
    return this.add('LayerNormalization', [x, gamma, beta], `${name}.out`, { axis: int(-1), epsilon: float(LN_EPS) });
  }

  /** Exact (erf) GELU as torch exports it; onnxruntime fuses the pattern into one Gelu kernel. */
  gelu(x: string, name: string): string {
    const d = this.add('Div', [x, 'const.sqrt2'], `${name}.div`);
    const e = this.add('Erf', [d], `${name}.erf`);
    const p = this.add('Add', [e, 'const.one'], `${name}.add`);
    const m = this.add('Mul', [x, p], `${name}.mul`);
    return this.add('Mul', [m, 'const.half'], `${name}.out`);
  }
}

function embeddings(b: GraphBuilder): string {
  let words: string;
  if (b.dtype === 'fp32') {
    const table = b.init(tensor('embeddings.word_embeddings.weight', [VOCAB_SIZE, HIDDEN], randomWeights('embeddings.word_embeddings.weight', VOCAB_SIZE * HIDDEN)));
    words = b.add('Gather', [table, 'input_ids'], 'embeddings.words', { axis: int(0) });
  } else {
    // Gather the int8 rows, then dequantize only those: dequantizing the
    // whole 23M-entry table would cost more than the model itself.
    const { q, scale } = quantizeInt8(randomWeights('embeddings.word_embeddings.weight', VOCAB_SIZE * HIDDEN));
    const table = b.init(tensor('embeddings.word_embeddings.weight_quantized', [VOCAB_SIZE, HIDDEN], q));
    const s = b.init(floats('embeddings.word_embeddings.weight_scale', [], [scale]));
    const z = b.init(tensor('embeddings.word_embeddings.weight_zero_point', [], Int8Array.of(0)));
    const gathered = b.add('Gather', [table, 'input_ids'], 'embeddings.words_quantized', { axis: int(0) });
    words = b.add('DequantizeLinear', [gathered, s, z], 'embeddings.words');
  }
  // position_ids = arange(sequence_length), as DistilBERT builds them.
  const shape = b.add('Shape', ['input_ids'], 'embeddings.input_shape');
  const seqLen = b.add('Gather', [shape, 'const.i64_1'], 'embeddings.seq_len', { axis: int(0) });
  const positions = b.add('Range', ['const.i64_0', seqLen, 'const.i64_1'], 'embeddings.position_ids');
  const posTable = b.init(tensor('embeddings.position_embeddings.weight', [MAX_POSITIONS, HIDDEN], randomWeights('embeddings.position_embeddings.weight', MAX_POSITIONS * HIDDEN)));
  const pos = b.add('Gather', [posTable, positions], 'embeddings.positions', { axis: int(0) });
  const sum = b.add('Add', [words, pos], 'embeddings.sum');
  return b.layerNorm(sum, 'embeddings.LayerNorm');
}

/** Additive mask [batch, 1, 1, seq]: 0 where attended, a large negative where padded. */
function attentionBias(b: GraphBuilder): string {
  const m = b.add('Cast', ['attention_mask'], 'mask.float', { to: int(DataType.FLOAT) });
  const inv = b.add('Sub', ['const.one', m], 'mask.inverted');
  const bias = b.add('Mul', [inv, 'const.mask_min'], 'mask.bias');
  return b.add('Unsqueeze', [bias, 'const.axes_1_2'], 'mask.bias_4d');
}

function layer(b: GraphBuilder, x: string, i: number, maskBias: string): string {
  const p = `transformer.layer.${i}`;
  const heads = (t: string, name: string, perm: number[]) =>
    b.add('Transpose', [b.add('Reshape', [t, 'const.heads_shape'], `${name}.split`)], `${name}.heads`, { perm: { ints: perm } });

  // DistilBERT scales q by 1/sqrt(head_dim) before the product, not the scores.
  const q = b.add('Mul', [heads(b.linear(x, `${p}.attention.q_lin`, HIDDEN, HIDDEN), `${p}.q`, [0, 2, 1, 3]), 'const.inv_sqrt_head_dim'], `${p}.q.scaled`);
  const kT = heads(b.linear(x, `${p}.attention.k_lin`, HIDDEN, HIDDEN), `${p}.k`, [0, 2, 3, 1]);
  const v = heads(b.linear(x, `${p}.attention.v_lin`, HIDDEN, HIDDEN), `${p}.v`, [0, 2, 1, 3]);
  const scores = b.add('Add', [b.add('MatMul', [q, kT], `${p}.scores`), maskBias], `${p}.scores.masked`);
  const probs = b.add('Softmax', [scores], `${p}.probs`, { axis: int(-1) });
  const ctx = b.add('MatMul', [probs, v], `${p}.context`);
  const merged = b.add('Reshape', [b.add('Transpose', [ctx], `${p}.context.t`, { perm: { ints: [0, 2, 1, 3] } }), 'const.hidden_shape'], `${p}.context.merged`);
  const attnOut = b.linear(merged, `${p}.attention.out_lin`, HIDDEN, HIDDEN);
  const sa = b.layerNorm(b.add('Add', [attnOut, x], `${p}.sa.residual`), `${p}.sa_layer_norm`);

  const h = b.gelu(b.linear(sa, `${p}.ffn.lin1`, HIDDEN, FFN), `${p}.ffn.gelu`);
  const ffnOut = b.linear(h, `${p}.ffn.lin2`, FFN, HIDDEN);
  return b.layerNorm(b.add('Add', [ffnOut, sa], `${p}.output.residual`), `${p}.output_layer_norm`);
}

function buildModel(dtype: Dtype): Uint8Array {
  const b = new GraphBuilder(dtype);
  b.init(floats('const.one', [], [1]));
  b.init(floats('const.half', [], [0.5]));
  b.init(floats('const.sqrt2', [], [Math.SQRT2]));
  b.init(floats('const.inv_sqrt_head_dim', [], [1 / Math.sqrt(HEAD_DIM)]));
  // torch.finfo(float32).min, what DistilBERT masks padded keys with.
  b.init(floats('const.mask_min', [], [-3.4028234663852886e38]));
  b.init(scalarInt64('const.i64_0', 0));
  b.init(scalarInt64('const.i64_1', 1));
  b.init(int64s('const.axes_1_2', [2], [1, 2]));
  // Reshape's 0 copies the input's batch and sequence dims, keeping both dynamic.
  b.init(int64s('const.heads_shape', [4], [0, 0, HEADS, HEAD_DIM]));
  b.init(int64s('const.hidden_shape', [3], [0, 0, HIDDEN]));

  let hidden = embeddings(b);
  const maskBias = attentionBias(b);
  for (let i = 0; i < LAYERS; i++) hidden = layer(b, hidden, i, maskBias);

  // The head reads the [CLS] position only: pre_classifier + ReLU, classifier.
  const cls = b.add('Gather', [hidden, 'const.i64_0'], 'cls', { axis: int(1) });
  const pre = b.add('Relu', [b.linear(cls, 'pre_classifier', HIDDEN, HIDDEN)], 'pre_classifier.relu');
  const out = b.linear(pre, 'classifier', HIDDEN, LABELS);
  b.add('Identity', [out], 'logits');

  const g = graph({
    name: `bench_distilbert_${dtype}`,
    inputs: [
      valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', DataType.INT64, ['batch_size', 'sequence_length']),
    ],
    outputs: [valueInfo('logits', DataType.FLOAT, ['batch_size', LABELS])],
    initializers: b.initializers,
    nodes: b.nodes,
  });
  return encodeModel(g, { docString: 'DistilBERT-base-shaped sequence classifier with seeded random weights, for benchmarks only.' });
}

function main() {
  const vocab = buildVocab();
  if (vocab.length !== VOCAB_SIZE) throw new Error(`vocab has ${vocab.length} tokens, want ${VOCAB_SIZE}`);
  const t0 = performance.now();
  const fp32 = buildModel('fp32');
  const q8 = buildModel('q8');
  console.log(`built graphs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  writeModelDir(OUT_DIR, {
    config: distilbertConfig({
      _comment: 'Benchmark model built by scripts/models/build-bench-model.ts: DistilBERT-base shapes, seeded random weights, meaningless labels.',
      vocab_size: VOCAB_SIZE,
    }),
    vocab,
    onnx: { 'model.onnx': fp32, 'model_quantized.onnx': q8 },
  });
  console.log(`-> ${OUT_DIR}`);
}

main();
