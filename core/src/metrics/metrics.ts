import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric of the project, named, described and bucketed once. Each process
 * makes its own registry (never prom-client's global one), so tests can run an API and
 * workers in one process and scrape each separately. The adapters observe the metrics where
 * the events happen; nothing here is labelled per ticket.
 */
export type MetricsProcess = 'api' | 'worker';

/** What the queue gauges show of one team queue, read from Redis when scraped. */
export interface QueueSnapshot {
  /** Processed tickets waiting to be popped (ZCARD of the team's processed index). */
  size: number;
  /** Seconds since the oldest (earliest-submitted) queued ticket was submitted; 0 for an empty queue. */
  oldestAgeSeconds: number;
  /** The team's BullMQ triage job counts by state. */
  jobs: Record<JobGaugeState, number>;
}

/** The snapshot of one team queue: its gauges' series carry `team`. */
export interface TeamQueueSnapshot {
  team: string;
  snapshot: QueueSnapshot;
}

export const JOB_GAUGE_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;
export type JobGaugeState = (typeof JOB_GAUGE_STATES)[number];

export const WEBHOOK_OUTCOMES = ['delivered', 'retrying', 'failed'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** Seconds: from a cheap Redis round trip to a slow forward pass or a congested job. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Texts per scoring call; SCORER_BATCH_SIZE stays ≤ 64 in practice. */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64];

export interface Metrics {
  readonly registry: Registry;
  readonly ticketsAccepted: Counter;
  readonly ticketsPopped: Counter<'team'>;
  readonly ticketsProcessed: Counter<'category' | 'team'>;
  readonly ticketsFailed: Counter<'team'>;
  readonly processingSeconds: Histogram<'outcome'>;
  readonly scoringSeconds: Histogram;
  readonly scorerBatchSize: Histogram;
  readonly webhookDeliveries: Counter<'outcome'>;
  readonly httpRequestSeconds: Histogram<'method' | 'route' | 'status'>;
  /**
   * Registers the queue gauges (`iq_queue_size{team}`, `iq_queue_oldest_age_seconds{team}`,
   * `iq_jobs{team,state}`), read once per scrape through `read`: one series per team it
   * returns (readTeamQueueSnapshots leaves out a team it could not read). When `read`
   * fails (Redis away) the gauges are left out of that scrape rather than failing it or
   * showing stale values.
   */
  addQueueGauges(read: () => Promise<readonly TeamQueueSnapshot[]>, onError?: (error: unknown) => void): void;
  /** Registers a gauge read from `read` at scrape time (open SSE streams, say). */
  addGauge(name: string, help: string, read: () => number): void;
  /** The exposition text and its content type, for GET /metrics. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  process: MetricsProcess;
  /**
   * The team queues this process works on: their counters (popped on an API, failed on a
   * worker) are shown at 0 from the start rather than appearing with their first event.
   */
  teams?: readonly string[];
  /** Node's own metrics (CPU, memory, event loop lag, GC…), `process_*` and `nodejs_*`; default on. */
  defaultMetrics?: boolean;
}

export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: opts.process });
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // Each process exposes the metrics of what happens in it; the others' stay unregistered.
  const only = (owner: MetricsProcess) => (owner === opts.process ? registers : []);
  let scrapes = 0;

  const metrics: Metrics = {
    registry,
    ticketsAccepted: new Counter({
      name: 'iq_tickets_accepted_total',
      help: 'Tickets accepted for triage by this API (REST and GraphQL, single and batch); duplicates not counted',
      registers: only('api'),
    }),
    ticketsPopped: new Counter({
      name: 'iq_tickets_popped_total',
      help: 'Tickets popped by this API (GET /tickets/next, Mutation.popNext), by team queue; leased claims not counted',
      labelNames: ['team'],
      registers: only('api'),
    }),
    ticketsProcessed: new Counter({
      name: 'iq_tickets_processed_total',
      help: 'Tickets this worker triaged and stored in the queue, by category and team queue (a retry of a stored ticket not counted)',
      labelNames: ['category', 'team'],
      registers: only('worker'),
    }),
    ticketsFailed: new Counter({
      name: 'iq_tickets_failed_total',
      help: 'Triage jobs that failed for good on this worker (attempts used up, or unrecoverable), by team queue; retried failures not counted',
      labelNames: ['team'],
      registers: only('worker'),
    }),
    processingSeconds: new Histogram({
      name: 'iq_processing_seconds',
      help: 'Duration of one triage job attempt on this worker (read, score, store, alert), by outcome',
      labelNames: ['outcome'],
      buckets: DURATION_BUCKETS,
      registers: only('worker'),
    }),
    scoringSeconds: new Histogram({
      name: 'iq_scoring_seconds',
      help: "Duration of one scoring call as a triage job waits for it (micro-batching's wait included)",
      buckets: DURATION_BUCKETS,
      registers: only('worker'),
    }),
    scorerBatchSize: new Histogram({
      name: 'iq_scorer_batch_size',
      help: 'Texts per pass over the scoring model (the micro-batcher merges concurrent jobs into one pass)',
      buckets: BATCH_BUCKETS,
      registers: only('worker'),
    }),
    webhookDeliveries: new Counter({
      name: 'iq_webhook_deliveries_total',
      help: 'Webhook delivery tries by outcome: delivered and failed end a delivery, retrying means it will be tried again',
      labelNames: ['outcome'],
      registers: only('worker'),
    }),
    httpRequestSeconds: new Histogram({
      name: 'iq_http_request_duration_seconds',
      help: 'HTTP request durations by method, route pattern and status (SSE streams not included)',
      labelNames: ['method', 'route', 'status'],
      buckets: DURATION_BUCKETS,
      registers: only('api'),
    }),
    addQueueGauges(read, onError) {
      // One read for the three gauges of one scrape, shared; a new scrape reads again.
      let cached: { scrape: number; snapshots: Promise<readonly TeamQueueSnapshot[]> } | undefined;
      const snapshots = () => {
        if (cached?.scrape !== scrapes) {
          cached = {
            scrape: scrapes,
            snapshots: read().catch((error: unknown) => {
              onError?.(error);
              return [];
            }),
          };
        }
        return cached.snapshots;
      };
      const fill = (apply: (team: string, s: QueueSnapshot) => void) =>
        async function (this: Gauge<string>) {
          // A team not read is left out (rather than a stale value, or 0: "the queue is empty").
          this.reset();
          for (const { team, snapshot } of await snapshots()) apply(team, snapshot);
        };
      const size: Gauge<'team'> = new Gauge({
        name: 'iq_queue_size',
        help: 'Processed tickets waiting to be popped, by team queue',
        labelNames: ['team'],
        registers,
        collect: fill((team, s) => size.set({ team }, s.size)),
      });
      const oldest: Gauge<'team'> = new Gauge({
        name: 'iq_queue_oldest_age_seconds',
        help: "Seconds since the earliest-submitted ticket still waiting to be popped was submitted, by team queue (0 when the team's queue is empty)",
        labelNames: ['team'],
        registers,
        collect: fill((team, s) => oldest.set({ team }, s.oldestAgeSeconds)),
      });
      const jobs: Gauge<'team' | 'state'> = new Gauge({
        name: 'iq_jobs',
        help: 'Triage jobs by team queue and BullMQ state (waiting includes prioritized)',
        labelNames: ['team', 'state'],
        registers,
        collect: fill((team, s) => {
          for (const state of JOB_GAUGE_STATES) jobs.set({ team, state }, s.jobs[state]);
        }),
      });
    },
    addGauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    },
    async scrape() {
      scrapes++;
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
  for (const outcome of WEBHOOK_OUTCOMES) metrics.webhookDeliveries.inc({ outcome }, 0);
  for (const team of opts.teams ?? []) {
    if (opts.process === 'api') metrics.ticketsPopped.inc({ team }, 0);
    else metrics.ticketsFailed.inc({ team }, 0);
  }
  return metrics;
}
