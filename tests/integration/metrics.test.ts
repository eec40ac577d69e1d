import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLexiconScorer, type Scorer } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import {
  freePort,
  startApi,
  startHttpReceiver,
  startRedisServer,
  startWorker,
  waitFor,
  type Api,
  type HttpReceiver,
  type RedisServer,
} from '@iq/testkit';

// GET /metrics of the API and of a worker (WORKER_METRICS_PORT), scraped before and after
// known traffic against a real redis-server: each counter moves by exactly what happened.

/** One sample: name, labels and value, from Prometheus' text format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

class Scrape {
  constructor(readonly samples: Sample[]) {}
  /** The sum of the samples named `name` whose labels include `labels` (0 when none). */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((total, s) => total + s.value, 0);
  }
  has(name: string): boolean {
    return this.samples.some((s) => s.name === name);
  }
}

async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return new Scrape(parseExposition(await response.text()));
}

const ticket = (id: string, subject: string, body: string) => ({ ticket_id: id, subject, body });
const ANGRY = 'Everything is broken, this is terrible, awful and furious, I hate this disaster';
const CALM = 'A question about my invoice, thanks';

describe('Prometheus metrics of the API and a worker', () => {
  let redis: RedisServer;
  let api: Api;
  let worker: TicketWorker;
  let receiver: HttpReceiver;
  let workerMetrics: string;
  const lexicon = createLexiconScorer();
  // Fails every job whose text asks for it: with JOB_ATTEMPTS=1, a failure for good.
  const scorer: Scorer = {
    info: lexicon.info,
    score: async (texts) => {
      if (texts.some((t) => t.includes('FAIL-ME'))) throw new Error('scorer failed on purpose');
      return lexicon.score(texts);
    },
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    receiver = await startHttpReceiver(() => 200);
    api = await startApi(redis.url, { JOB_ATTEMPTS: '1' });
    const port = await freePort();
    worker = await startWorker(
      redis.url,
      { WORKER_METRICS_PORT: String(port), JOB_ATTEMPTS: '1', LOG_LEVEL: 'error', WEBHOOK_URL: `${receiver.url}/hook`, ESCALATE_AFTER_SECONDS: '0' },
      scorer,
    );
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await redis?.stop();
  });

  it('counts accepted, processed, failed and popped tickets, scoring, webhooks and requests by the right amounts', async () => {
    const apiBefore = await scrape(`${api.url}/metrics`);
    const workerBefore = await scrape(workerMetrics);
    // Node's default metrics on both; the queue gauges on both.
    for (const s of [apiBefore, workerBefore]) {
      expect(s.has('process_cpu_user_seconds_total')).toBe(true);
      expect(s.has('nodejs_eventloop_lag_seconds')).toBe(true);
      expect(s.has('iq_queue_size')).toBe(true);
      expect(s.has('iq_queue_oldest_age_seconds')).toBe(true);
    }

    // Traffic: 3 single REST tickets + 1 duplicate, a batch of 2, one GraphQL ticket, and one that fails.
    const tickets = [
      ticket('m-1', 'Outage', ANGRY),
      ticket('m-2', 'Invoice', CALM),
      ticket('m-3', 'Login', 'I cannot log in, please help'),
    ];
    for (const t of tickets) expect((await api.post('/tickets', t)).status).toBe(202);
    const duplicate = await api.post('/tickets', tickets[0]);
    expect(duplicate.body.duplicate).toBe(true);
    const batch = [ticket('m-4', 'Refund', ANGRY), ticket('m-5', 'Hello', CALM)];
    expect((await api.post('/tickets/batch', batch)).status).toBe(202);
    const gql = await api.gql('mutation($input: TicketInput!) { submitTicket(input: $input) { duplicate } }', {
      input: { ticketId: 'm-6', subject: 'Contract', body: CALM },
    });
    expect(gql.data.submitTicket.duplicate).toBe(false);
    const failing = await api.post('/tickets', ticket('m-7', 'Broken', 'FAIL-ME please'));
    expect(failing.status).toBe(202);
    const stored = [...tickets, ...batch, ticket('m-6', 'Contract', CALM)];

    await waitFor(async () => (await api.get('/queue/size')).body.size === 6, { what: 'six tickets processed' });
    await waitFor(async () => (await api.jobState(failing.body.job_id)) === 'failed', { what: 'the failing job to fail' });
    // Alerts: the stored tickets whose S is above WEBHOOK_MIN_URGENCY (0.8).
    const scores = await lexicon.score(stored.map((t) => `${t.subject}\n${t.body}`));
    const alerts = scores.filter((s) => s.score > 0.8).length;
    expect(alerts).toBeGreaterThan(0);
    await waitFor(() => receiver.requests.length === alerts, { what: `${alerts} webhook deliveries` });

    // 2 REST pops and 1 GraphQL pop, and a job looked up by id (a parametrised route).
    const apiMid = await scrape(`${api.url}/metrics`);
    expect((await api.get('/tickets/next')).status).toBe(200);
    expect((await api.get('/tickets/next')).status).toBe(200);
    expect((await api.gql('mutation { popNext { ticketId } }')).data.popNext.ticketId).toBeTypeOf('string');
    expect((await api.get(`/jobs/${encodeURIComponent(failing.body.job_id)}`)).status).toBe(200);

    const apiAfter = await scrape(`${api.url}/metrics`);
    const delta = (after: Scrape, before: Scrape, name: string, labels: Record<string, string> = {}) =>
      after.sum(name, labels) - before.sum(name, labels);

    // The API: 7 accepted (the duplicate is not one), 3 popped.
    expect(delta(apiAfter, apiBefore, 'iq_tickets_accepted_total')).toBe(7);
    expect(delta(apiAfter, apiBefore, 'iq_tickets_popped_total')).toBe(3);
    expect(apiAfter.sum('iq_queue_size')).toBe(3);
    // One queue size series per team queue; they add up to what GET /queue/teams says of each.
    const teamSizes = (await api.get('/queue/teams')).body.teams as { team: string; size: number }[];
    expect(apiAfter.samples.filter((s) => s.name === 'iq_queue_size').map((s) => [s.labels.team, s.value])).toEqual(teamSizes.map((t) => [t.team, t.size]));
    expect(apiAfter.sum('iq_queue_oldest_age_seconds')).toBeGreaterThan(0);
    expect(apiAfter.sum('iq_jobs', { state: 'completed' })).toBe(6);
    expect(apiAfter.sum('iq_jobs', { state: 'failed' })).toBe(1);
    expect(apiAfter.sum('iq_jobs', { state: 'waiting' })).toBe(0);
    // Requests by route pattern and status, never by raw URL.
    const requests = (labels: Record<string, string>) => delta(apiAfter, apiBefore, 'iq_http_request_duration_seconds_count', labels);
    expect(requests({ method: 'POST', route: '/tickets', status: '202' })).toBe(5);
    expect(requests({ method: 'POST', route: '/tickets/batch', status: '202' })).toBe(1);
    expect(requests({ method: 'POST', route: '/graphql', status: '200' })).toBe(2);
    const sinceMid = (labels: Record<string, string>) => delta(apiAfter, apiMid, 'iq_http_request_duration_seconds_count', labels);
    expect(sinceMid({ method: 'GET', route: '/tickets/next', status: '200' })).toBe(2);
    expect(sinceMid({ method: 'GET', route: '/jobs/:job_id', status: '200' })).toBe(1);
    expect(sinceMid({ method: 'GET', route: '/metrics', status: '200' })).toBe(1);
    expect(apiAfter.samples.some((s) => s.labels.route?.includes('m-7'))).toBe(false);

    const workerAfter = await scrape(workerMetrics);
    // The worker: 6 processed across categories, 1 failed, 7 attempts timed and scored once each.
    expect(delta(workerAfter, workerBefore, 'iq_tickets_processed_total')).toBe(6);
    expect(workerAfter.samples.filter((s) => s.name === 'iq_tickets_processed_total').every((s) => s.labels.category)).toBe(true);
    // No ticket named a team: each was processed in the team of its category.
    const processedByTeam = workerAfter.samples.filter((s) => s.name === 'iq_tickets_processed_total' && s.value > 0);
    expect(processedByTeam.length).toBeGreaterThan(1);
    for (const s of processedByTeam) expect(s.labels.team).toBe(s.labels.category!.toLowerCase());
    expect(delta(workerAfter, workerBefore, 'iq_tickets_failed_total')).toBe(1);
    expect(delta(workerAfter, workerBefore, 'iq_processing_seconds_count')).toBe(7);
    expect(delta(workerAfter, workerBefore, 'iq_processing_seconds_count', { outcome: 'stored' })).toBe(6);
    expect(delta(workerAfter, workerBefore, 'iq_processing_seconds_count', { outcome: 'error' })).toBe(1);
    expect(delta(workerAfter, workerBefore, 'iq_scoring_seconds_count')).toBe(7);
    expect(delta(workerAfter, workerBefore, 'iq_scorer_batch_size_sum')).toBe(7);
    expect(delta(workerAfter, workerBefore, 'iq_webhook_deliveries_total', { outcome: 'delivered' })).toBe(alerts);
    expect(delta(workerAfter, workerBefore, 'iq_webhook_deliveries_total', { outcome: 'failed' })).toBe(0);
    expect(workerAfter.sum('iq_queue_size')).toBe(3);
    // Every metric carries the process it came from.
    expect(workerAfter.samples.every((s) => s.labels.process === 'worker')).toBe(true);
    expect(apiAfter.samples.every((s) => s.labels.process === 'api')).toBe(true);
  });

  it('echoes a sane X-Request-Id, and replaces one that is not', async () => {
    const sane = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(sane.headers.get('x-request-id')).toBe('trace-abc.123');
    const insane = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'bad id "quoted"' } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ queueSize }' }),
    });
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Refusals and unknown routes carry one too.
    expect((await fetch(`${api.url}/no-such-route`)).headers.get('x-request-id')).toBeTruthy();
  });
});
