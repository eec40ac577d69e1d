/**
 * Sweeps the lexicon scorer's mapping S = 1 / (1 + e^(k·(c − m))) on the labelled set:
 * picks the midpoint m by accuracy at 0.5 and the steepness k by Brier score on the
 * tuning half, and shows how the choice fares on the other half.
 *
 *   npx tsx eval/tune-lexicon.ts [--tune even|odd|all]   (default: even)
 *
 * AUC is not reported: any k > 0 keeps the order of c, so AUC does not depend on m or k.
 * Accuracy at 0.5 depends on m only (S ≥ 0.5 ⇔ c ≤ m); k only changes calibration.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { accuracyAt, brierScore, createLexiconScorer, LEXICON_MIDPOINT, LEXICON_STEEPNESS, ticketText } from '@iq/core';
import { inSplit, loadTickets, SPLITS, type Split } from './dataset.js';

const { values: args } = parseArgs({ options: { tune: { type: 'string', default: 'even' } } });
const tune = args.tune as Split;
if (!SPLITS.includes(tune)) throw new Error(`--tune must be one of ${SPLITS.join(', ')}`);
const other: Split = tune === 'even' ? 'odd' : tune === 'odd' ? 'even' : 'all';

const tickets = loadTickets(fileURLToPath(new URL('./tickets.jsonl', import.meta.url)));
const scores = await createLexiconScorer().score(tickets.map(ticketText));
// Recover VADER's compound c from S by inverting the current mapping.
const compounds = scores.map((r) => LEXICON_MIDPOINT + Math.log(1 / r.score - 1) / LEXICON_STEEPNESS);

const subset = (split: Split) => {
  const idx = tickets.flatMap((t, i) => (inSplit(t.id, split) ? [i] : []));
  return { c: idx.map((i) => compounds[i]!), y: idx.map((i) => tickets[i]!.urgent) };
};
const map = (c: number[], m: number, k: number) => c.map((x) => 1 / (1 + Math.exp(k * (x - m))));
const fmt = (x: number) => x.toFixed(3);
const T = subset(tune);
const O = subset(other);

console.log(`Tuning on "${tune}" (n = ${T.c.length}), checking on "${other}" (n = ${O.c.length}).`);
console.log(`Current: m = ${LEXICON_MIDPOINT}, k = ${LEXICON_STEEPNESS}\n`);

const midpoints = Array.from({ length: 41 }, (_, i) => Math.round((-1 + i * 0.05) * 100) / 100);
console.log('midpoint m   accuracy@0.5 tune   other   urgent share predicted (tune)');
let bestM = LEXICON_MIDPOINT;
let bestAcc = -1;
for (const m of midpoints) {
  const accT = accuracyAt(map(T.c, m, LEXICON_STEEPNESS), T.y);
  const accO = accuracyAt(map(O.c, m, LEXICON_STEEPNESS), O.y);
  const share = T.c.filter((x) => x <= m).length / T.c.length;
  // Ties: keep the value closest to the current one (do not move without a reason).
  if (accT > bestAcc + 1e-12 || (Math.abs(accT - bestAcc) < 1e-12 && Math.abs(m - LEXICON_MIDPOINT) < Math.abs(bestM - LEXICON_MIDPOINT))) {
    bestAcc = accT;
    bestM = m;
  }
  console.log(`${m.toFixed(2).padStart(10)}   ${fmt(accT).padStart(17)}   ${fmt(accO)}   ${fmt(share)}`);
}
const baseT = T.y.filter((y) => !y).length / T.y.length;
console.log(`\nbest m on ${tune}: ${bestM} (accuracy ${fmt(bestAcc)}; always "not urgent" would score ${fmt(baseT)})\n`);

console.log(`steepness k (m = ${bestM})   Brier tune   other`);
let bestK = LEXICON_STEEPNESS;
let bestBrier = Infinity;
for (let k = 0.5; k <= 12; k += 0.5) {
  const bT = brierScore(map(T.c, bestM, k), T.y);
  const bO = brierScore(map(O.c, bestM, k), O.y);
  if (bT < bestBrier - 1e-12) {
    bestBrier = bT;
    bestK = k;
  }
  console.log(`${k.toFixed(1).padStart(25)}   ${fmt(bT).padStart(10)}   ${fmt(bO)}`);
}
console.log(`\nbest k on ${tune}: ${bestK} (Brier ${fmt(bestBrier)}; a constant 0.5 scores 0.250)`);
