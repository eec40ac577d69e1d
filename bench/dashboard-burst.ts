/**
 * The dashboard under a burst, in real Chromium: one `POST /tickets/batch` of N tickets
 * (default 10,000) while the page is open, processed by one worker. Measures what an
 * agent at the dashboard feels:
 *   - the longest main-thread task, and all long tasks (> 50 ms) added up, from the
 *     submission until the dashboard shows the queue's exact size;
 *   - catch-up: from the worker finishing (the API's queue size reaches N) to the header
 *     showing N;
 *   - a click on "Pop next" during the burst: from the click's input timestamp to the
 *     frame that shows the popped ticket, measured in the page (clickToAnswerMs); and the
 *     same as Playwright sees it, its actionability checks and polling included.
 * Services run bundled, as `npm start` runs them; the dashboard is built first.
 *
 * Usage: npm run bench:dashboard [-- --tickets 10000 --rounds 2]
 * Writes bench/results/dashboard-burst.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clickToAnswerMs, launchChromium, repoRoot, startRedisServer, waitFor } from '@iq/testkit';
import { numberArg } from './args.js';
import { median } from './lib/stats.js';
import { BUNDLES, bundleAll, projectApi, projectWorker, stop } from './lib/procs.js';
import { loadAverage, machineInfo } from './lib/machine.js';

const N = numberArg('tickets', 10_000);
const ROUNDS = numberArg('rounds', 2);
const CLICK_TIMEOUT_MS = 60_000;

interface Round {
  longestTaskMs: number;
  longTasksTotalMs: number;
  catchUpMs: number;
  /** In the page, from the click's input timestamp to the frame showing the popped ticket; null: no answer within CLICK_TIMEOUT_MS. */
  popClickMs: number | null;
  /** The same click as Playwright sees it (its actionability checks and polling included). */
  popClickDriverMs: number | null;
  /** A plain GET /tickets/peek sent at the click: the API's own answer time meanwhile. */
  apiPeekMs: number;
  workerDoneMs: number;
}

const tickets = (round: number) =>
  Array.from({ length: N }, (_, i) => ({
    ticket_id: `burst-${round}-${i}`,
    subject: i % 3 === 0 ? 'Checkout down for everyone' : 'Question about invoices',
    body: i % 3 === 0 ? 'Since 9am nobody can pay. Please help today!' : 'How do I download last year\'s invoices? No rush.',
  }));

async function runRound(round: number): Promise<Round> {
  const redis = await startRedisServer();
  const api = await projectApi(redis.url, {
    BATCH_MAX_ITEMS: String(N),
    BATCH_REQUEST_MAX_BYTES: String(64 * 1024 * 1024),
  });
  const worker = await projectWorker(redis.url, 16);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(api.url);
    await page.getByRole('status', { name: 'Live feed' }).filter({ hasText: 'connected' }).waitFor({ timeout: 30_000 });
    // IQ_CPU_PROF_DIR (as for the services): the page's main thread is profiled too.
    const profiler = process.env.IQ_CPU_PROF_DIR ? await page.context().newCDPSession(page) : undefined;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    const startedAt = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    const submitted = await fetch(`${api.url}/tickets/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(tickets(round)) });
    if (submitted.status !== 202) throw new Error(`batch answered ${submitted.status}: ${await submitted.text()}`);

    const apiSize = async () => ((await (await fetch(`${api.url}/queue/size`)).json()) as { size: number }).size;
    const jobsLeft = async () => {
      const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ queueStats { waiting active } }' }) });
      const { data } = (await res.json()) as { data: { queueStats: { waiting: number; active: number } } };
      return data.queueStats.waiting + data.queueStats.active;
    };

    // An agent clicks "Pop next" while the burst is being processed; a page too busy to
    // answer within CLICK_TIMEOUT_MS counts as not answering (null).
    await waitFor(async () => (await apiSize()) > 0, { what: 'a first processed ticket', timeoutMs: 60_000 });
    const clickAt = Date.now();
    // The same moment seen without the browser: how long the API itself takes to answer.
    const apiPeek = (async () => {
      const at = Date.now();
      await (await fetch(`${api.url}/tickets/peek`)).text();
      return Date.now() - at;
    })();
    const popClick = (async () => {
      try {
        const inPage = await clickToAnswerMs(page.getByRole('button', { name: 'Pop next' }), 'article[aria-label="Popped ticket"]', CLICK_TIMEOUT_MS);
        return { inPage, driver: Date.now() - clickAt };
      } catch {
        return null;
      }
    })();

    await waitFor(async () => (await jobsLeft()) === 0, { what: 'the worker to finish', timeoutMs: 600_000, intervalMs: 50 });
    const workerDoneAt = Date.now();
    const click = await popClick;
    const apiPeekMs = await apiPeek;
    // Exact: the header shows what the API says now (a late pop may still land meanwhile).
    const header = page.getByRole('group', { name: 'Queue size' }).locator('.stat-value');
    await waitFor(async () => Number((await header.textContent({ timeout: 600_000 }))?.replace(/\D/g, '')) === (await apiSize()), {
      what: 'the header to show the exact queue size',
      timeoutMs: 600_000,
      intervalMs: 50,
    });
    const exactAt = Date.now();
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      mkdirSync(process.env.IQ_CPU_PROF_DIR!, { recursive: true });
      writeFileSync(path.join(process.env.IQ_CPU_PROF_DIR!, `dashboard-round-${round}.cpuprofile`), JSON.stringify(profile));
    }
    const endedAt = await page.evaluate(() => performance.now());
    const tasks = (await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks)).filter(
      (t) => t.start >= startedAt && t.start <= endedAt,
    );
    return {
      longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      longTasksTotalMs: Math.round(tasks.reduce((sum, t) => sum + t.duration, 0)),
      catchUpMs: Math.max(0, exactAt - workerDoneAt),
      popClickMs: click?.inPage ?? null,
      popClickDriverMs: click?.driver ?? null,
      apiPeekMs,
      workerDoneMs: workerDoneAt - t0,
    };
  } finally {
    await browser.close();
    await stop(worker);
    await stop(api);
    await redis.stop();
  }
}

async function main() {
  const loadBefore = loadAverage();
  console.error(`bench:dashboard — ${N} tickets in one batch, ${ROUNDS} rounds; building the dashboard and bundling the services…`);
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: repoRoot, stdio: 'ignore' });
  bundleAll();
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const result = await runRound(r);
    console.error(`  round ${r}: ${JSON.stringify(result)}`);
    rounds.push(result);
  }
  const summary = {
    longestTaskMs: median(rounds.map((r) => r.longestTaskMs)),
    longTasksTotalMs: median(rounds.map((r) => r.longTasksTotalMs)),
    catchUpMs: median(rounds.map((r) => r.catchUpMs)),
    popClickMs: rounds.some((r) => r.popClickMs === null) ? null : median(rounds.map((r) => r.popClickMs!)),
    popClickDriverMs: rounds.some((r) => r.popClickDriverMs === null) ? null : median(rounds.map((r) => r.popClickDriverMs!)),
    apiPeekMs: median(rounds.map((r) => r.apiPeekMs)),
    workerDoneMs: median(rounds.map((r) => r.workerDoneMs)),
  };
  const out = { when: new Date().toISOString(), machine: machineInfo(), loadAverage: { before: loadBefore, after: loadAverage() }, tickets: N, bundles: BUNDLES, rounds, median: summary };
  const file = path.join(repoRoot, 'bench', 'results', 'dashboard-burst.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `| ${N} tickets in one batch | longest task ${summary.longestTaskMs} ms | long tasks ${summary.longTasksTotalMs} ms in all | ` +
      `catch-up ${summary.catchUpMs} ms after the worker finished (${summary.workerDoneMs} ms) | Pop next answered ${summary.popClickMs === null ? `not within ${CLICK_TIMEOUT_MS / 1000} s` : `in ${summary.popClickMs} ms`} (as Playwright sees it: ${summary.popClickDriverMs} ms; the API alone: ${summary.apiPeekMs} ms) |`,
  );
}

await main();
