/**
 * The fair benchmark suite (`npm run bench`): every scenario runs the project and a
 * baseline built from its own parts on the same fresh redis-server, in the same process
 * layout (child processes, load from autocannon in a child of its own), with the same job
 * options and concurrency, interleaved A/B (B/A) --rounds times; reports median, min–max,
 * p50/p99 where latency matters and the median of the per-round ratios.
 *
 * Usage: npm run bench [-- --tickets 20000 --rounds 3 --only drain,pop --quick]
 * Writes bench/results/latest.json and bench/results/scale.svg (a --quick or --only run
 * writes them under bench/results/partial/ instead, which git ignores).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagArg, listArg, numberArg } from './args.js';
import { loadAverage, machineInfo } from './lib/machine.js';
import { bundleAll } from './lib/procs.js';
import { summarize, type Summary } from './lib/stats.js';
import { lineChart } from './lib/svg.js';
import { batch } from './scenarios/batch.js';
import { drain } from './scenarios/drain.js';
import { footprint } from './scenarios/footprint.js';
import { live } from './scenarios/live.js';
import { pop } from './scenarios/pop.js';
import { submit } from './scenarios/submit.js';
import { transformer } from './scenarios/transformer.js';
import type { Ctx, Row, Scenario } from './scenarios/types.js';

const ALL: Scenario[] = [drain, submit, batch, pop, live, footprint, transformer];

const quick = flagArg('quick');
const only = listArg('only');
const ctx: Ctx = {
  quick,
  tickets: numberArg('tickets', quick ? 2000 : 20_000),
  rounds: numberArg('rounds', quick ? 1 : 3),
  durationS: numberArg('duration', quick ? 1 : 3),
  log: (message) => console.error(`  ${message}`),
};
const unknown = (only ?? []).filter((name) => !ALL.some((s) => s.name === name));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${ALL.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const scenarios = only ? ALL.filter((s) => only.includes(s.name)) : ALL;

interface RowResult extends Row {
  projectSummary: Summary;
  bareSummary: Summary;
  /** Median (and range) of project/baseline per round pair. */
  ratio: Summary;
  projectP50?: number;
  projectP99?: number;
  bareP50?: number;
  bareP99?: number;
}

const med = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? summarize(v).median : undefined;
};

function result(row: Row): RowResult {
  return {
    ...row,
    projectSummary: summarize(row.project.map((s) => s.value)),
    bareSummary: summarize(row.bare.map((s) => s.value)),
    ratio: summarize(row.project.map((s, i) => s.value / row.bare[i]!.value)),
    projectP50: med(row.project.map((s) => s.p50)),
    projectP99: med(row.project.map((s) => s.p99)),
    bareP50: med(row.bare.map((s) => s.p50)),
    bareP99: med(row.bare.map((s) => s.p99)),
  };
}

const num = (x: number, unit: string) =>
  unit === 's' ? x.toFixed(2) : unit === 'ms' || unit === 'texts/s' ? x.toFixed(1) : Math.round(x).toLocaleString('en-US');
const ms = (x: number | undefined) => (x === undefined ? '' : x < 10 ? x.toFixed(1) : x.toFixed(0));
const cell = (s: Summary, unit: string, p50?: number, p99?: number) =>
  `${num(s.median, unit)} ${unit} (${num(s.min, unit)}–${num(s.max, unit)})` + (p99 !== undefined && unit !== 'ms' ? `, p50 ${ms(p50)} / p99 ${ms(p99)} ms` : unit === 'ms' && p50 !== undefined ? `, p50 ${ms(p50)} ms` : '');

function table(rows: RowResult[]): string {
  const lines = ['| path | this project: median (min–max) | its own parts alone | project ÷ baseline (median of pairs) |', '|---|---|---|---:|'];
  for (const r of rows) {
    lines.push(
      `| ${r.path} | ${cell(r.projectSummary, r.unit, r.projectP50, r.projectP99)} | ${r.baseline}: ${cell(r.bareSummary, r.unit, r.bareP50, r.bareP99)} | ${r.ratio.median.toFixed(2)}${r.higherIsBetter ? '' : '×'} |`,
    );
  }
  return lines.join('\n');
}

function scaleSvg(rows: RowResult[], caption: string): string | undefined {
  const series = ['worker processes', 'API processes'] as const;
  const panels = series
    .map((name) => {
      const points = rows.filter((r) => r.scale?.series === name).sort((a, b) => a.scale!.x - b.scale!.x);
      if (points.length === 0) return undefined;
      const unit = points[0]!.unit;
      const line = (pick: (r: RowResult) => Summary) => points.map((r) => ({ x: r.scale!.x, y: pick(r).median, min: pick(r).min, max: pick(r).max }));
      return {
        title: name === 'worker processes' ? 'Worker drain (lexicon)' : 'POST /tickets, 64 connections',
        xLabel: name,
        yLabel: unit,
        lines: [
          { name: 'this project', color: '#d9480f', points: line((r) => r.projectSummary) },
          { name: 'bare baseline', color: '#1c7ed6', points: line((r) => r.bareSummary) },
        ],
      };
    })
    .filter((p) => p !== undefined);
  return panels.length ? lineChart(panels, caption) : undefined;
}

const started = new Date();
const t0 = performance.now();
const loadBefore = loadAverage();
console.error(`bench: ${scenarios.map((s) => s.name).join(', ')}; tickets ${ctx.tickets}, rounds ${ctx.rounds}, duration ${ctx.durationS} s, load average ${loadBefore.join(' ')}`);
bundleAll();
const rows: RowResult[] = [];
const skipped: { scenario: string; reason: string }[] = [];
const timings: Record<string, number> = {};
/** 1-minute load average as each scenario ended: other work on a shared machine shows here. */
const loadBy: Record<string, number> = {};
for (const scenario of scenarios) {
  const s0 = performance.now();
  console.error(`\n${scenario.name}: ${scenario.describe}`);
  try {
    rows.push(...(await scenario.run(ctx)).map(result));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    console.error(`  ${scenario.name} skipped: ${error instanceof Error ? error.message.slice(0, 3000) : reason}`);
    skipped.push({ scenario: scenario.name, reason });
  }
  timings[scenario.name] = Math.round((performance.now() - s0) / 100) / 10;
  loadBy[scenario.name] = loadAverage()[0]!;
}
const wallS = Math.round((performance.now() - t0) / 100) / 10;
const machine = machineInfo();
const loadAfter = loadAverage();
const header =
  `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${machine.commit}${machine.dirty ? ' + uncommitted changes' : ''}; ` +
  `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, redis-server ${machine.redis}; ` +
  `${ctx.rounds} interleaved rounds per arm; load average ${loadBefore[0]} before, ${loadAfter[0]} after; suite ${wallS} s`;

console.log(`\n${header}\n`);
console.log(table(rows));
for (const s of skipped) console.log(`\nskipped ${s.scenario}: ${s.reason}`);

const partial = quick || only !== undefined;
// A --quick or --only run never overwrites the committed figures (bench/results/partial/ is ignored).
const dir = fileURLToPath(new URL(partial ? './results/partial/' : './results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}latest.json`,
  `${JSON.stringify({ started: started.toISOString(), wallSeconds: wallS, options: { ...ctx, log: undefined }, machine, loadAverage: { before: loadBefore, after: loadAfter, afterEachScenario: loadBy }, timings, skipped, rows }, null, 2)}\n`,
);
const svg = scaleSvg(rows, `${machine.cpus} CPUs, ${started.toISOString().slice(0, 10)}, commit ${machine.commit}; median of ${ctx.rounds} rounds, bars min–max`);
if (svg) writeFileSync(`${dir}scale.svg`, svg);
console.error(`\nwrote ${path.relative(fileURLToPath(new URL('../', import.meta.url)), dir)}/latest.json${svg ? ' and scale.svg' : ''} (${wallS} s)`);
process.exit(0);
