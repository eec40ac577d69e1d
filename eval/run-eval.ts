/**
 * Evaluates triage on a labelled split, side by side in one run:
 * - urgency: the urgency model (URGENCY_MODEL_FILE, tone as the environment selects),
 *   sentiment alone (VADER) and the original's keyword regex — AUC, accuracy at the
 *   threshold, Brier score, a 10-bin calibration table;
 * - categories: accuracy, per-category precision and recall;
 * - the 20 heaviest features of the model.
 *
 *   npm run eval                        # the held-out split (eval/test.jsonl)
 *   npm run eval -- --split train       # the training split (tickets.jsonl, train.jsonl, train-2.jsonl, train-3.jsonl)
 *   npm run eval -- --misses 10         # also list the model's worst misses
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CATEGORIES,
  accuracyAt,
  brierScore,
  categorize,
  categoryAccuracy,
  createLexiconScorer,
  createLogger,
  createScorerFromEnv,
  keywordScore,
  loadUrgencyModel,
  parseEnv,
  rocAuc,
  scorerEnvShape,
  ticketText,
  type Scorer,
} from '@iq/core';
import { loadTickets, type EvalTicket } from './dataset.js';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'test' },
    threshold: { type: 'string', default: '0.5' },
    misses: { type: 'string', default: '0' },
  },
});
const here = (f: string) => fileURLToPath(new URL(`./${f}`, import.meta.url));
const FILES: Record<string, string[]> = { test: [here('test.jsonl')], train: [here('tickets.jsonl'), here('train.jsonl'), here('train-2.jsonl'), here('train-3.jsonl')].filter((f) => existsSync(f)) };
const files = FILES[args.split];
if (!files) throw new Error(`--split must be test or train, got ${args.split}`);
const threshold = Number(args.threshold);

const log = createLogger({ name: 'eval', level: 'warn', format: 'pretty' });
const tickets: EvalTicket[] = files.flatMap((f) => loadTickets(f));
const labels = tickets.map((t) => t.urgent);
const texts = tickets.map(ticketText);

const env = { URGENCY_SCORER: 'model', ...process.env } as Record<string, string | undefined>;
if (env.URGENCY_SCORER === 'auto') env.URGENCY_SCORER = 'model';
const modelScorer: Scorer = await createScorerFromEnv(env, log);
const scoreAll = async (scorer: Scorer) => (await scorer.score(texts)).map((r) => r.score);
const rows: [string, number[]][] = [
  [`urgency model — ${modelScorer.info.model}`, await scoreAll(modelScorer)],
  ['sentiment only — VADER lexicon', await scoreAll(createLexiconScorer())],
  ["keywords only — the original's regex", texts.map(keywordScore)],
];

const pct = (x: number) => x.toFixed(3);
const out: string[] = [];
out.push(`split: ${args.split} — ${tickets.length} tickets (${labels.filter(Boolean).length} urgent), ${files.map((f) => f.split('/').pop()).join(' + ')}\n`);
out.push('| scorer | AUC | accuracy @ ' + threshold + ' | Brier |', '|---|---:|---:|---:|');
for (const [name, scores] of rows) out.push(`| ${name} | ${pct(rocAuc(scores, labels))} | ${pct(accuracyAt(scores, labels, threshold))} | ${pct(brierScore(scores, labels))} |`);

out.push('\nCalibration (10 bins of S: tickets, mean S, share urgent)\n');
out.push(`| bin | ${rows.map(([n]) => n.split(' — ')[0]).join(' | ')} |`, `|---|${rows.map(() => '---:').join('|')}|`);
for (let b = 0; b < 10; b++) {
  const cells = rows.map(([, scores]) => {
    const idx = scores.map((s, i) => [s, i] as const).filter(([s]) => Math.min(9, Math.floor(s * 10)) === b).map(([, i]) => i);
    if (idx.length === 0) return '—';
    const meanS = idx.reduce((a, i) => a + scores[i]!, 0) / idx.length;
    const share = idx.filter((i) => labels[i]).length / idx.length;
    return `${idx.length} · ${meanS.toFixed(2)} · ${share.toFixed(2)}`;
  });
  out.push(`| ${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)} | ${cells.join(' | ')} |`);
}

const predicted = texts.map(categorize);
const cat = categoryAccuracy(predicted, tickets.map((t) => t.category));
out.push(`\nCategories: accuracy ${pct(cat.accuracy)} (${cat.correct}/${cat.n})\n`);
out.push('| category | tickets | precision | recall |', '|---|---:|---:|---:|');
for (const c of CATEGORIES) {
  const predictedAs = CATEGORIES.reduce((sum, a) => sum + cat.matrix[a][c], 0);
  out.push(`| ${c} | ${cat.byCategory[c].n} | ${pct(cat.matrix[c][c] / predictedAs)} | ${pct(cat.byCategory[c].accuracy)} |`);
}

const model = loadUrgencyModel(parseEnv(scorerEnvShape, env).URGENCY_MODEL_FILE);
const heaviest = model.names.map((n, i) => [n, model.weights[i]!] as const).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 20);
out.push(`\nThe 20 heaviest features (bias ${model.file.bias}, λ = ${model.file.training.lambda}, ${model.file.training.examples} training tickets)\n`);
out.push('| feature | weight |', '|---|---:|');
for (const [n, w] of heaviest) out.push(`| ${n} | ${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(2)} |`);

const misses = Number(args.misses);
if (misses > 0) {
  const modelScores = rows[0]![1];
  const wrong = tickets
    .map((t, i) => ({ t, s: modelScores[i]! }))
    .filter(({ t, s }) => (s >= threshold) !== t.urgent)
    .sort((a, b) => Math.abs(b.s - threshold) - Math.abs(a.s - threshold))
    .slice(0, misses);
  out.push(`\nThe model's ${wrong.length} most confident misses\n`);
  const assessed = await modelScorer.score(wrong.map(({ t }) => ticketText(t)));
  wrong.forEach(({ t, s }, i) => out.push(`- ${t.id} (${t.urgent ? 'urgent' : 'not urgent'}, S = ${s.toFixed(2)}) “${t.subject}”: ${assessed[i]!.explanation}`));
}
console.log(out.join('\n'));
