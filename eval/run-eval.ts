/**
 * Evaluates triage on the labelled set: urgency score S of the active scorer against
 * `urgent`, and the rule-based category against `category`.
 *
 *   npm run eval                                  # scorer from the environment (URGENCY_SCORER=auto|transformer|lexicon, …)
 *   URGENCY_SCORER=lexicon npm run eval           # the lexicon scorer
 *   npm run eval -- --split odd --verbose         # misses from the odd ids; list every ticket
 *
 * Options: --file <path> (default eval/tickets.jsonl), --batch <n> (default 32),
 * --threshold <t> (default 0.5, the is_urgent cut), --split all|even|odd (which tickets
 * the miss lists come from; the metrics table always shows all three), --verbose.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { categorize, createLogger, createScorerFromEnv, ticketText, type Logger, type Scorer } from '@iq/core';
import { loadTickets, SPLITS, type Split } from './dataset.js';
import { formatReport, type ScoredTicket } from './report.js';

/** The scorer under evaluation: whatever the environment selects, as the worker would. */
function activeScorer(log: Logger): Promise<Scorer> {
  return createScorerFromEnv(process.env, log); // before the transformer existed: Promise.resolve(createLexiconScorer())
}

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: fileURLToPath(new URL('./tickets.jsonl', import.meta.url)) },
    batch: { type: 'string', default: '32' },
    threshold: { type: 'string', default: '0.5' },
    split: { type: 'string', default: 'all' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});

const batchSize = Number(args.batch);
const threshold = Number(args.threshold);
const focus = args.split as Split;
if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch must be a positive integer, got ${args.batch}`);
if (!(threshold >= 0 && threshold <= 1)) throw new Error(`--threshold must be in [0, 1], got ${args.threshold}`);
if (!SPLITS.includes(focus)) throw new Error(`--split must be one of ${SPLITS.join(', ')}, got ${args.split}`);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const level = LOG_LEVELS.includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL! : 'warn';
const log = createLogger({ name: 'eval', level, format: 'pretty' });

const tickets = loadTickets(args.file);
const scorer = await activeScorer(log);

const scored: ScoredTicket[] = [];
let batches = 0;
const started = performance.now();
for (let i = 0; i < tickets.length; i += batchSize) {
  const batch = tickets.slice(i, i + batchSize);
  const results = await scorer.score(batch.map(ticketText));
  if (results.length !== batch.length) throw new Error(`scorer returned ${results.length} results for ${batch.length} texts`);
  batches++;
  for (const [j, t] of batch.entries()) {
    const r = results[j]!;
    scored.push({ ...t, score: r.score, label: r.label, predictedCategory: categorize(ticketText(t)) });
  }
}
const elapsedMs = performance.now() - started;

console.log(
  formatReport({
    file: relative(process.cwd(), args.file) || args.file,
    info: scorer.info,
    tickets: scored,
    threshold,
    batchSize,
    batches,
    elapsedMs,
    focus,
    verbose: args.verbose,
  }),
);
