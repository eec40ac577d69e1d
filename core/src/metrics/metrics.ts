import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric of the project, named, described and bucketed once. Each process
 * makes its own registry (never prom-client's global one), so tests can run an API and
 * workers in one process and scrape each separately. The adapters observe the metrics where
 * the events happen; nothing here is labelled per ticket.
 */
export type MetricsProcess = 'api' | 'worker';

/** What the queue gauges show, read from Redis when scraped. */
export interface QueueSnapshot {
  /** Processed tickets waiting to be popped (ZCARD of the processed index). */
  size: number;
  /** Seconds since the oldest (earliest-submitted) queued ticket was submitted; 0 for an empty queue. */
  oldestAgeSeconds: number;
  /** BullMQ triage job counts by state. */
  jobs: Record<JobGaugeState, number>;
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
  readonly ticketsPopped: Counter;
  readonly ticketsProcessed: Counter<'category'>;
  readonly ticketsFailed: Counter;
  readonly processingSeconds: Histogram<'outcome'>;
  readonly scoringSeconds: Histogram;
  readonly scorerBatchSize: Histogram;
  readonly webhookDeliveries: Counter<'outcome'>;
  readonly httpRequestSeconds: Histogram<'method' | 'route' | 'status'>;
  /**
   * Registers the queue gauges (`iq_queue_size`, `iq_queue_oldest_age_seconds`,
   * `iq_jobs{state}`), read once per scrape through `read`. When it fails (Redis away) the
   * gauges are left out of that scrape rather than failing it or showing stale values.
   */
  addQueueGauges(read: () => Promise<QueueSnapshot>, onError?: (error: unknown) => void): void;
  /** Registers a gauge read from `read` at scrape time (open SSE streams, say). */
  addGauge(name: string, help: string, read: () => number): void;
  /** The exposition text and its content type, for GET /metrics. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  process: MetricsProcess;
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
      help: 'Tickets popped by this API (GET /tickets/next, Mutation.popNext); leased claims not counted',
      registers: only('api'),
    }),
    ticketsProcessed: new Counter({
      name: 'iq_tickets_processed_total',
      help: 'Tickets this worker triaged and stored in the queue, by category (a retry of a stored ticket not counted)',
      labelNames: ['category'],
      registers: only('worker'),
    }),
    ticketsFailed: new Counter({
      name: 'iq_tickets_failed_total',
      help: 'Triage jobs that failed for good on this worker (attempts used up, or unrecoverable); retried failures not counted',
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
      let cached: { scrape: number; snapshot: Promise<QueueSnapshot | undefined> } | undefined;
      const snapshot = () => {
        if (cached?.scrape !== scrapes) {
          cached = {
            scrape: scrapes,
            snapshot: read().catch((error: unknown) => {
              onError?.(error);
              return undefined;
            }),
          };
        }
        return cached.snapshot;
      };
      const fill = (apply: (s: QueueSnapshot) => void) =>
        async function (this: Gauge<string>) {
          this.reset();
          const current = await snapshot();
          // Unknown is left out (an unlabelled gauge would otherwise say 0: "the queue is empty").
          if (current) apply(current);
          else this.remove({});
        };
      const size: Gauge = new Gauge({
        name: 'iq_queue_size',
        help: 'Processed tickets waiting to be popped',
        registers,
        collect: fill((s) => size.set(s.size)),
      });
      const oldest: Gauge = new Gauge({
        name: 'iq_queue_oldest_age_seconds',
        help: 'Seconds since the earliest-submitted ticket still waiting to be popped was submitted (0 when the queue is empty)',
        registers,
        collect: fill((s) => oldest.set(s.oldestAgeSeconds)),
      });
      const jobs: Gauge<'state'> = new Gauge({
        name: 'iq_jobs',
        help: 'Triage jobs by BullMQ state (waiting includes prioritized)',
        labelNames: ['state'],
        registers,
        collect: fill((s) => {
          for (const state of JOB_GAUGE_STATES) jobs.set({ state }, s.jobs[state]);
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
  return metrics;
}
