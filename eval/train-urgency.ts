/**
 * Fits the urgency model on the training split and writes models/urgency-model.json.
 * Deterministic: the same data and cue families give the same file, byte for byte.
 *
 *   npm run train:urgency                 # fit and write the committed model
 *   npm run train:urgency -- --check      # fit, and fail if the committed file differs
 *
 * The held-out split (eval/test.jsonl) is never read here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CUE_FAMILIES,
  DEFAULT_URGENCY_MODEL_FILE,
  LEXICON_MODEL,
  MODEL_FORMAT,
  compileFamilies,
  createLexiconScorer,
  extractFeatures,
  featureNames,
  fitLogistic,
  predict,
  rocAuc,
  type UrgencyModelFile,
} from '@iq/core';
import { loadTickets, type EvalTicket } from './dataset.js';

export const TRAIN_FILES = ['tickets.jsonl', 'train.jsonl', 'train-2.jsonl', 'train-3.jsonl'].map((f) => fileURLToPath(new URL(`./${f}`, import.meta.url))).filter((f) => existsSync(f));
const LAMBDAS = [0.1, 0.3, 1, 3, 10];
const FOLDS = 5;

const { values: args } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string', default: DEFAULT_URGENCY_MODEL_FILE } } });

const tickets: EvalTicket[] = TRAIN_FILES.flatMap((file) => loadTickets(file));
const tones = (await createLexiconScorer().score(tickets.map((t) => `${t.subject}\n${t.body}`))).map((r) => r.score);
const families = compileFamilies(CUE_FAMILIES);
const xs = tickets.map((t, i) => extractFeatures(families, t.subject, t.body, tones[i]!).values);
const ys = tickets.map((t) => (t.urgent ? 1 : 0) as 0 | 1);

// λ by 5-fold cross-validation on the training split (folds by position: deterministic).
const cvAuc = (lambda: number) => {
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const trainIdx = xs.map((_, i) => i).filter((i) => i % FOLDS !== fold);
    const fit = fitLogistic(trainIdx.map((i) => xs[i]!), trainIdx.map((i) => ys[i]!), lambda);
    xs.forEach((x, i) => {
      if (i % FOLDS !== fold) return;
      scores.push(predict(fit, x));
      labels.push(ys[i] === 1);
    });
  }
  return rocAuc(scores, labels);
};
const cv = LAMBDAS.map((lambda) => ({ lambda, auc: cvAuc(lambda) }));
const best = cv.reduce((a, b) => (b.auc > a.auc + 1e-9 ? b : a));
const fit = fitLogistic(xs, ys, best.lambda);

const names = featureNames(CUE_FAMILIES);
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const dataSha = createHash('sha256');
for (const file of TRAIN_FILES) dataSha.update(readFileSync(file));
const model: UrgencyModelFile = {
  format: MODEL_FORMAT,
  version: 1,
  name: 'urgency-v1',
  tone: LEXICON_MODEL,
  families: CUE_FAMILIES,
  features: names,
  bias: round(fit.bias),
  weights: Object.fromEntries(names.map((n, j) => [n, round(fit.weights[j]!)])),
  training: {
    examples: tickets.length,
    urgent: ys.filter((y) => y === 1).length,
    lambda: best.lambda,
    data_sha256: dataSha.digest('hex'),
    cross_validated_auc: round(best.auc),
  },
};
const text = `${JSON.stringify(model, null, 2)}\n`;

console.log(`training split: ${tickets.length} tickets (${model.training.urgent} urgent), ${names.length} features`);
console.log(`5-fold AUC by λ: ${cv.map((c) => `${c.lambda}: ${c.auc.toFixed(3)}`).join(', ')} → λ = ${best.lambda}`);
console.log(`Newton iterations: ${fit.iterations}`);
if (args.check) {
  const committed = readFileSync(args.out, 'utf8');
  if (committed !== text) {
    console.error(`${args.out} differs from a fresh fit: run npm run train:urgency`);
    process.exit(1);
  }
  console.log(`${args.out} matches a fresh fit`);
} else {
  writeFileSync(args.out, text);
  console.log(`wrote ${args.out}`);
}
