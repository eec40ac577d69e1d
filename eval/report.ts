import {
  brierScore,
  CATEGORIES,
  categoryAccuracy,
  confusionAt,
  rates,
  rocAuc,
  type Category,
  type ScorerInfo,
} from '@iq/core';
import { inSplit, SPLITS, type EvalTicket, type Split } from './dataset.js';

/** A ticket with what the system made of it. */
export interface ScoredTicket extends EvalTicket {
  score: number;
  label: 'NEGATIVE' | 'POSITIVE';
  predictedCategory: Category;
}

export interface SplitMetrics {
  n: number;
  urgent: number;
  auc: number;
  brier: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  category: ReturnType<typeof categoryAccuracy>;
}

export function computeMetrics(tickets: readonly ScoredTicket[], threshold: number): SplitMetrics {
  const scores = tickets.map((t) => t.score);
  const labels = tickets.map((t) => t.urgent);
  const c = confusionAt(scores, labels, threshold);
  return {
    n: tickets.length,
    urgent: labels.filter(Boolean).length,
    auc: rocAuc(scores, labels),
    brier: brierScore(scores, labels),
    ...c,
    ...rates(c),
    category: categoryAccuracy(
      tickets.map((t) => t.predictedCategory),
      tickets.map((t) => t.category),
    ),
  };
}

const num = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Rows of cells → left-aligned first column, right-aligned others. */
function table(rows: string[][], indent = '  '): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows
    .map((r) => indent + r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('   '))
    .join('\n');
}

export interface ReportInput {
  file: string;
  info: ScorerInfo;
  tickets: readonly ScoredTicket[];
  threshold: number;
  batchSize: number;
  batches: number;
  elapsedMs: number;
  /** Which split the miss lists and confusion matrix are drawn from. */
  focus: Split;
  /** Also list every category miss and every ticket. */
  verbose: boolean;
}

export function formatReport(r: ReportInput): string {
  const out: string[] = [];
  const bySplit = Object.fromEntries(
    SPLITS.map((s) => [s, computeMetrics(r.tickets.filter((t) => inSplit(t.id, s)), r.threshold)]),
  ) as Record<Split, SplitMetrics>;
  const all = bySplit.all;
  const th = num(r.threshold, 2);

  out.push('Intelligent Queue — triage evaluation');
  out.push(`  dataset  ${r.file}  (${all.n} tickets: ${all.urgent} urgent, ${all.n - all.urgent} not urgent)`);
  out.push(`  scorer   ${r.info.kind} · ${r.info.model}  (${r.info.reason})`);
  out.push(
    `  scored   ${all.n} texts in ${r.batches} batch(es) of ≤ ${r.batchSize}: ${r.elapsedMs.toFixed(0)} ms` +
      ` (${num(r.elapsedMs / Math.max(1, all.n), 2)} ms/ticket)`,
  );
  out.push('');

  const cols = SPLITS.map((s) => bySplit[s]);
  const row = (name: string, f: (m: SplitMetrics) => string) => [name, ...cols.map(f)];
  out.push(`Urgency  (is_urgent = S ≥ ${th}; "even"/"odd" = ticket id parity)`);
  out.push(
    table([
      ['', ...SPLITS],
      row('n (urgent)', (m) => `${m.n} (${m.urgent})`),
      row('AUC of S vs urgent', (m) => num(m.auc)),
      row('Brier score of S (lower is better)', (m) => num(m.brier)),
      row(`accuracy @ ${th}`, (m) => num(m.accuracy)),
      row('precision of is_urgent', (m) => num(m.precision)),
      row('recall of is_urgent', (m) => num(m.recall)),
      row('F1', (m) => num(m.f1)),
      row('TP / FP / TN / FN', (m) => `${m.tp}/${m.fp}/${m.tn}/${m.fn}`),
    ]),
  );
  out.push('');

  out.push('Category  (rule-based categorize; per category = share of tickets labelled X predicted X)');
  out.push(
    table([
      ['', ...SPLITS],
      row('overall', (m) => `${num(m.category.accuracy)} (${m.category.correct}/${m.category.n})`),
      ...CATEGORIES.map((c) =>
        row(c, (m) => `${num(m.category.byCategory[c].accuracy)} (${m.category.byCategory[c].correct}/${m.category.byCategory[c].n})`),
      ),
    ]),
  );
  out.push('');

  const focus = r.tickets.filter((t) => inSplit(t.id, r.focus));
  const fm = bySplit[r.focus];
  out.push(`Category confusion [${r.focus}]  (rows = labelled, columns = predicted)`);
  out.push(table([['', ...CATEGORIES], ...CATEGORIES.map((a) => [a, ...CATEGORIES.map((p) => String(fm.category.matrix[a][p]))])]));
  out.push('');

  const missRows = (list: ScoredTicket[]) =>
    table([
      ['', 'id', 'S', 'scorer label', 'labelled', 'subject'],
      ...list.map((t) => {
        const miss = (t.score >= r.threshold) !== t.urgent;
        return [miss ? '✗' : ' ', t.id, num(t.score), t.label, t.urgent ? 'urgent' : 'not urgent', clip(t.subject, 48)];
      }),
    ]);
  const urgentLowest = focus.filter((t) => t.urgent).sort((a, b) => a.score - b.score).slice(0, 5);
  const calmHighest = focus.filter((t) => !t.urgent).sort((a, b) => b.score - a.score).slice(0, 5);
  out.push(`Worst misses [${r.focus}]: urgent tickets with the lowest S  (✗ = wrong at ${th})`);
  out.push(urgentLowest.length ? missRows(urgentLowest) : '  (none)');
  out.push('');
  out.push(`Worst misses [${r.focus}]: non-urgent tickets with the highest S  (✗ = wrong at ${th})`);
  out.push(calmHighest.length ? missRows(calmHighest) : '  (none)');

  if (r.verbose) {
    const catMisses = focus.filter((t) => t.predictedCategory !== t.category);
    out.push('');
    out.push(`Category misses [${r.focus}]: ${catMisses.length}`);
    if (catMisses.length)
      out.push(table([['id', 'labelled', 'predicted', 'subject'], ...catMisses.map((t) => [t.id, t.category, t.predictedCategory, clip(t.subject, 60)])]));
    out.push('');
    out.push(`Every ticket [${r.focus}], by S`);
    out.push(
      table([
        ['id', 'S', 'urgent', 'category', 'predicted', 'subject'],
        ...[...focus]
          .sort((a, b) => b.score - a.score)
          .map((t) => [t.id, num(t.score), t.urgent ? 'yes' : 'no', t.category, t.predictedCategory, clip(t.subject, 60)]),
      ]),
    );
  }
  return out.join('\n');
}
