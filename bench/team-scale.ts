/**
 * Team queues on Redis Cluster (issue 15): does putting each team under its own hash tag,
 * so that teams spread over a cluster's shards, pay for itself, and what does the cluster
 * cost where it cannot help? Processing throughput (submit → worker → processed queue) and
 * pop throughput (GET /tickets/next?teams=<all configured>) with 1, 2 and 4 teams, on a
 * 3-master Redis Cluster and on one redis-server, in one run.
 *
 * The figure that matters is the ratio cluster ÷ single node for the same team count,
 * measured side by side: on a small shared VM the absolute rates say more about the VM
 * than about the code (three redis-servers, the API, the worker and these clients share
 * its cores), while drift hits both arms alike because every round runs every
 * configuration, node and cluster back to back, in an order reversed every other round
 * (round 0: node 1, cluster 1, node 2 … cluster 4; round 1: cluster 4, node 4 … node 1).
 *
 * Each configuration gets FLUSHALL (every master on the cluster), a fresh API and worker
 * as bundled child processes (like the other benchmarks: own event loops, no TypeScript
 * loader) with TEAM_QUEUES set to the first 1, 2 or 4 teams, the lexicon scorer, no rate
 * limits and WORKER_CONCURRENCY 16 (the project's default, as the drain scenario; it is per
 * team queue, so more teams also means more jobs in flight, as it does in production).
 * A warm-up of one batch, popped again, runs first so neither arm pays for a cold JIT.
 *
 *   processing: N tickets in batches of 500 (team round robin via `team`), timed from the
 *               first POST until GET /queue/size reports N;
 *   pops:       16 concurrent clients pop until 404; pops/s over the whole drain, p50/p99
 *               latency of the answered pops; exactly N distinct tickets or the run fails.
 *
 * Usage: npm run bench:teams [-- --tickets 4000 --rounds 2]
 * Prints a markdown table (stdout; progress on stderr) and writes bench/results/team-scale.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisCluster, startRedisServer, type RedisCluster, type RedisServer, type ServiceProcess } from '@iq/testkit';
import { numberArg } from './args.js';
import { loadAverage, machineInfo } from './lib/machine.js';
import { bundleAll, projectApi, projectWorker, stop, type HttpProcess } from './lib/procs.js';
import { median, percentile, summarize, type Summary } from './lib/stats.js';
import { ticket } from './lib/tickets.js';

const N = Math.floor(numberArg('tickets', 4000));
const ROUNDS = Math.floor(numberArg('rounds', 2));
const ALL_TEAMS = ['billing', 'technical', 'legal', 'general'] as const;
const TEAM_COUNTS = [1, 2, 4] as const;
const BATCH = 500;
const POP_CLIENTS = 16;
const CONCURRENCY = 16;
const WARMUP = BATCH;
const POLL_MS = 10;
const PROCESS_TIMEOUT_MS = 600_000;
const COMMAND = `npm run bench:teams -- --tickets ${N} --rounds ${ROUNDS}`;

type Backend = 'node' | 'cluster';
type TeamCount = (typeof TEAM_COUNTS)[number];

interface Run {
  backend: Backend;
  teams: TeamCount;
  round: number;
  /** Seconds from the first POST until every batch was answered 202. */
  submitS: number;
  /** Tickets/s from the first POST until GET /queue/size reported N. */
  processing: number;
  pops: number;
  popP50: number;
  popP99: number;
  load1: number;
}

const log = (message: string) => console.error(`  ${message}`);

async function json<T>(res: Response, what: string, expected: number): Promise<T> {
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${what} answered ${res.status}, expected ${expected}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

async function queueSize(api: HttpProcess): Promise<number> {
  return (await json<{ size: number }>(await fetch(`${api.url}/queue/size`), 'GET /queue/size', 200)).size;
}

/** Submits `count` tickets in batches, team round robin; resolves when every batch was accepted. */
async function submit(api: HttpProcess, teams: readonly string[], count: number, prefix: string): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => ({ ...ticket(start + k, prefix), team: teams[(start + k) % teams.length]! }));
    const res = await fetch(`${api.url}/tickets/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(items) });
    const { accepted } = await json<{ accepted: { duplicate: boolean }[] }>(res, 'POST /tickets/batch', 202);
    const fresh = accepted.filter((a) => !a.duplicate).length;
    if (fresh !== items.length) throw new Error(`POST /tickets/batch accepted ${fresh} new of ${items.length}`);
  }
}

async function waitForSize(api: HttpProcess, n: number): Promise<void> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  for (;;) {
    const size = await queueSize(api);
    if (size === n) return;
    if (size > n) throw new Error(`GET /queue/size reports ${size}, more than the ${n} submitted`);
    if (Date.now() > deadline) throw new Error(`only ${size} of ${n} tickets processed after ${PROCESS_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Pops with POP_CLIENTS clients until each gets 404; fails unless exactly `n` distinct tickets came out. */
async function popAll(api: HttpProcess, teams: readonly string[], n: number): Promise<{ rate: number; p50: number; p99: number }> {
  const url = `${api.url}/tickets/next?teams=${teams.join(',')}`;
  const ids: string[] = [];
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: POP_CLIENTS }, async () => {
      for (;;) {
        const sent = performance.now();
        const res = await fetch(url);
        const body = await res.text();
        if (res.status === 404) return;
        if (res.status !== 200) throw new Error(`GET /tickets/next answered ${res.status}: ${body.slice(0, 500)}`);
        latencies.push(performance.now() - sent);
        ids.push((JSON.parse(body) as { ticket_id: string }).ticket_id);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  const distinct = new Set(ids).size;
  if (ids.length !== n || distinct !== n) throw new Error(`popped ${ids.length} tickets (${distinct} distinct), expected exactly ${n} distinct`);
  return { rate: (n / elapsed) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function measure(backend: Backend, k: TeamCount, round: number, redis: RedisServer, cluster: RedisCluster): Promise<Run> {
  const teams = ALL_TEAMS.slice(0, k);
  await (backend === 'node' ? redis.client.flushall() : cluster.flush());
  const url = backend === 'node' ? redis.url : cluster.url;
  // Set here, not inherited: a REDIS_CLUSTER_NODES or WORKER_TEAMS in the caller's shell would otherwise win.
  const env = { TEAM_QUEUES: teams.join(','), REDIS_CLUSTER_NODES: '', WORKER_TEAMS: '', RATE_LIMIT_SUBMIT: '0', RATE_LIMIT_POP: '0', URGENCY_SCORER: 'lexicon' };
  const procs: ServiceProcess[] = [];
  try {
    const [apiStart, workerStart] = await Promise.allSettled([projectApi(url, env), projectWorker(url, CONCURRENCY, env)]);
    // Whichever did start is stopped in `finally`, even when the other did not.
    for (const s of [apiStart, workerStart]) if (s.status === 'fulfilled') procs.push(s.value);
    if (apiStart.status === 'rejected') throw apiStart.reason;
    if (workerStart.status === 'rejected') throw workerStart.reason;
    const api = apiStart.value;
    await submit(api, teams, WARMUP, `w${round}`);
    await waitForSize(api, WARMUP);
    await popAll(api, teams, WARMUP);

    const t0 = performance.now();
    await submit(api, teams, N, `${backend}${k}r${round}`);
    const submitS = (performance.now() - t0) / 1000;
    await waitForSize(api, N);
    const processing = (N / (performance.now() - t0)) * 1000;
    const pops = await popAll(api, teams, N);
    const run = { backend, teams: k, round, submitS, processing, pops: pops.rate, popP50: pops.p50, popP99: pops.p99, load1: loadAverage()[0]! };
    log(
      `round ${round} ${backend.padEnd(7)} ${k} team${k > 1 ? 's' : ' '}: processing ${processing.toFixed(0)} tickets/s (submitted in ${submitS.toFixed(2)} s), ` +
        `pops ${pops.rate.toFixed(0)}/s p50 ${pops.p50.toFixed(1)} p99 ${pops.p99.toFixed(1)} ms, load ${run.load1}`,
    );
    return run;
  } finally {
    await Promise.all(procs.map(stop));
  }
}

/** Which master holds each team's hash tag: with 4 teams on 3 masters, two share one. */
async function shardMap(cluster: RedisCluster): Promise<string> {
  const slots = (await cluster.client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number, ...unknown[]], ...unknown[]][];
  const parts = await Promise.all(
    ALL_TEAMS.map(async (team) => {
      const slot = Number(await cluster.client.call('CLUSTER', 'KEYSLOT', `{iq:${team}}`));
      const owner = slots.find(([from, to]) => slot >= from && slot <= to)?.[2];
      return `${team} slot ${slot} on :${owner?.[1] ?? '?'}`;
    }),
  );
  return parts.join(', ');
}

/** Every configuration, ROUNDS times, on one redis-server and one cluster kept for the whole run. */
async function runAll(): Promise<{ runs: Run[]; shards: string }> {
  const redis = await startRedisServer();
  let cluster: RedisCluster | undefined;
  try {
    cluster = await startRedisCluster({ masters: 3 });
    const shards = await shardMap(cluster);
    console.error(`  cluster ${cluster.nodesList}: ${shards}`);
    const pairs = TEAM_COUNTS.flatMap((k) => (['node', 'cluster'] as const).map((backend) => ({ backend, k })));
    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const { backend, k } of round % 2 === 0 ? pairs : [...pairs].reverse()) runs.push(await measure(backend, k, round, redis, cluster));
    }
    return { runs, shards };
  } finally {
    await cluster?.stop();
    await redis.stop();
  }
}

const num = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const cell = (s: Summary) => (ROUNDS > 1 ? `${num(s.median)} (${num(s.min)}–${num(s.max)})` : num(s.median));

async function main() {
  const started = new Date();
  const t0 = performance.now();
  const loadBefore = loadAverage();
  console.error(`bench:teams — ${N} tickets, ${ROUNDS} rounds, teams ${TEAM_COUNTS.join('/')}, node vs 3-master cluster; load average ${loadBefore.join(' ')}; bundling the services…`);
  bundleAll();
  const { runs, shards } = await runAll();

  const of = (backend: Backend, k: TeamCount) => runs.filter((r) => r.backend === backend && r.teams === k).sort((a, b) => a.round - b.round);
  // Ratios of the pair measured in the same round, then their median (as `npm run bench` reports them).
  const ratio = (k: TeamCount, pick: (r: Run) => number) => median(of('cluster', k).map((c, i) => pick(c) / pick(of('node', k)[i]!)));
  const rows = TEAM_COUNTS.flatMap((k) =>
    (['node', 'cluster'] as const).map((backend) => {
      const rs = of(backend, k);
      return {
        backend,
        teams: k,
        processing: summarize(rs.map((r) => r.processing)),
        pops: summarize(rs.map((r) => r.pops)),
        popP50: median(rs.map((r) => r.popP50)),
        popP99: median(rs.map((r) => r.popP99)),
        ratio: backend === 'cluster' ? { processing: ratio(k, (r) => r.processing), pops: ratio(k, (r) => r.pops), popP99: ratio(k, (r) => r.popP99) } : undefined,
      };
    }),
  );

  const wallS = Math.round((performance.now() - t0) / 100) / 10;
  const machine = machineInfo();
  const loadAfter = loadAverage();
  const range = ROUNDS > 1 ? ': median (min–max)' : '';
  const lines = [
    `| Redis | teams | processing, tickets/s${range} | pops/s${range} | pop p50 / p99, ms | cluster ÷ node: processing | cluster ÷ node: pops/s | cluster ÷ node: pop p99 |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.backend === 'node' ? 'one redis-server' : '3-master cluster'} | ${r.teams} | ${cell(r.processing)} | ${cell(r.pops)} | ${ms(r.popP50)} / ${ms(r.popP99)} | ` +
        (r.ratio ? `${r.ratio.processing.toFixed(2)} | ${r.ratio.pops.toFixed(2)} | ${r.ratio.popP99.toFixed(2)} |` : '| | |'),
    ),
  ];
  const header =
    `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${machine.commit}${machine.dirty ? ' + uncommitted changes' : ''}; ` +
    `${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, redis-server ${machine.redis}; ` +
    `${N} tickets per configuration, ${ROUNDS} interleaved round${ROUNDS > 1 ? 's' : ''}, ${POP_CLIENTS} pop clients, worker concurrency ${CONCURRENCY} per team; ` +
    `load average ${loadBefore[0]} before, ${loadAfter[0]} after; ${wallS} s`;
  console.log(`\n${header}\ncluster shards: ${shards}\n`);
  console.log(lines.join('\n'));
  console.log(`\nRatios: median over rounds of cluster ÷ node measured in the same round (above 1 is better for rates, below 1 for p99).`);
  console.log(`Command: ${COMMAND}`);

  const file = fileURLToPath(new URL('./results/team-scale.json', import.meta.url));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ started: started.toISOString(), wallSeconds: wallS, command: COMMAND, options: { tickets: N, rounds: ROUNDS, batch: BATCH, popClients: POP_CLIENTS, concurrency: CONCURRENCY, warmup: WARMUP }, machine, loadAverage: { before: loadBefore, after: loadAfter }, shards, rows, runs }, null, 2)}\n`,
  );
  console.error(`\nwrote bench/results/team-scale.json (${wallS} s)`);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`\nbench:teams failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
