import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ClaimReconciler,
  LeaseReaper,
  TicketLeases,
  ConnectionStateLog,
  DeliveryLog,
  Escalations,
  TRIAGE_QUEUE,
  triageJobKeys,
  TicketStore,
  WEBHOOK_QUEUE,
  createKeys,
  createLogger,
  createMetrics,
  createRedis,
  createScorer,
  createTriageQueue,
  createWebhookQueue,
  jobPolicyFromEnv,
  limitsFromEnv,
  readQueueSnapshot,
  waitForReady,
  type JobPolicy,
  type PeriodicPass,
  type Keys,
  type Logger,
  type Metrics,
  type Scorer,
  type TicketJobData,
  type WebhookJobData,
} from '@iq/core';
import { alertEnqueuer, createAlert, type Alert } from './alert.js';
import { parseWorkerConfig, type WorkerConfig } from './config.js';
import { deliveryProcessor } from './deliver-webhook.js';
import { startEscalationLoop } from './escalation-loop.js';
import { newWorkerId, startHeartbeat, workerInfo } from './heartbeat.js';
import { startHttpListener, type HttpListener } from './http-listener.js';
import { jobPayloadSchema } from './job-payload.js';
import { onJobFailed } from './on-job-failed.js';
import { jobProcessor } from './process-job.js';
import { timedScorer } from './metrics.js';

export interface TicketWorker {
  readonly id: string;
  readonly worker: Worker<TicketJobData>;
  /** The webhook deliveries' worker; none without WEBHOOK_URL. */
  readonly deliveries?: Worker<WebhookJobData>;
  /** This worker's Prometheus metrics (served at GET /metrics on WORKER_METRICS_PORT). */
  readonly metrics: Metrics;
  /** Stops taking jobs, finishes the ones in flight, then closes every connection. Safe to call again. */
  close(): Promise<void>;
}

export type StartWorkerOptions = (
  | { config: WorkerConfig; env?: never }
  /** Read with parseWorkerConfig: a ConfigError lists every problem. */
  | { env: Record<string, string | undefined>; config?: never }
) & {
  /** Unset: the one the configuration selects (createScorer; it throws rather than exits). */
  scorer?: Scorer;
  /** Unset: the worker's own, at LOG_LEVEL in LOG_FORMAT. */
  log?: Logger;
};

/** The webhook side of a worker: alerts enqueued by triage jobs, their deliveries, escalations. */
interface Webhooks {
  alert: Alert;
  /** Starts the deliveries' worker and the escalation loop. */
  start(): Promise<void>;
  /** Stops escalating, finishes the deliveries in flight, closes the queue and connection. */
  close(): Promise<void>;
  deliveries: Worker<WebhookJobData>;
  isReady(): boolean;
}

/**
 * With WEBHOOK_URL: the webhook queue (one delivery per triage job and kind), a BullMQ
 * Worker delivering from it with retries and a timeout per try, the delivery log and,
 * with ESCALATE_AFTER_SECONDS, the escalation loop.
 */
function setUpWebhooks(
  url: string,
  config: WorkerConfig,
  deps: { redis: Redis; keys: Keys; redisState: ConnectionStateLog; log: Logger; metrics: Metrics; retention: JobPolicy },
): Webhooks {
  const { redis, keys, redisState, log, metrics, retention } = deps;
  const queue = createWebhookQueue(redis, keys, {
    attempts: config.WEBHOOK_ATTEMPTS,
    backoffMs: config.WEBHOOK_BACKOFF_MS,
    retentionSeconds: retention.retentionSeconds,
    retentionCount: retention.retentionCount,
  });
  redisState.watchErrors(queue, (error) => log.error({ err: error }, 'webhook queue error'));
  const deliveryLog = new DeliveryLog(redis, keys, {
    size: config.WEBHOOK_LOG_SIZE,
    // Outlives the delivery job (kept JOB_RETENTION_SECONDS after it ends) by a day of tries.
    stateTtlMs: (config.JOB_RETENTION_SECONDS + 86_400) * 1000,
    activityMaxlen: config.ACTIVITY_MAXLEN,
  });
  const escalations = new Escalations(redis, keys, config.ACTIVITY_MAXLEN);
  const enqueue = alertEnqueuer(queue, deliveryLog, { url, attempts: config.WEBHOOK_ATTEMPTS });

  const connection = createRedis(config.REDIS_URL, { blocking: true, name: 'iq-worker-webhooks' });
  redisState.watchClient(connection, () => undefined);
  const deliveries = new Worker<WebhookJobData>(
    WEBHOOK_QUEUE,
    deliveryProcessor(
      { url, format: config.WEBHOOK_FORMAT, secret: config.WEBHOOK_SECRET, timeoutMs: config.WEBHOOK_TIMEOUT_MS },
      { deliveries: deliveryLog, log, metrics },
    ),
    {
      connection,
      prefix: keys.bullPrefix,
      concurrency: config.WEBHOOK_CONCURRENCY,
      lockDuration: config.WORKER_LOCK_DURATION_MS,
      stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
      // A delivery whose worker died is run again, and that run records it as failed
      // without sending (begin-delivery-3.lua): BullMQ must not fail it first.
      maxStalledCount: config.WORKER_MAX_STALLS,
      autorun: false,
    },
  );
  // Tries are logged by the processor; this is for failures BullMQ decides on its own.
  deliveries.on('failed', (job, error) => log.debug({ delivery: job?.id, err: error.message }, 'webhook delivery job failed'));
  redisState.watchErrors(deliveries, (error) => log.error({ err: error }, 'webhook worker error'));

  let escalationLoop: { stop(): Promise<void> } | undefined;
  return {
    alert: createAlert(config, { enqueue, escalations }),
    deliveries,
    isReady: () => connection.status === 'ready',
    async start() {
      void deliveries.run().catch((e: unknown) => log.error({ err: e }, 'webhook worker stopped'));
      await deliveries.waitUntilReady();
      await queue.waitUntilReady();
      if (config.ESCALATE_AFTER_SECONDS > 0) {
        escalationLoop = startEscalationLoop({ escalations, enqueue, minUrgency: config.WEBHOOK_MIN_URGENCY }, config.ESCALATE_INTERVAL_MS, log, redisState);
      }
    },
    async close() {
      await escalationLoop?.stop();
      await deliveries.close();
      await queue.close();
      connection.disconnect();
    },
  };
}

/**
 * Starts a worker that triages tickets, as the entry point and the tests both do: the
 * connections, the BullMQ Worker with its processing and failure policies, the heartbeat,
 * the claim reconciler, with WEBHOOK_URL the webhook deliveries and escalations, and
 * with WORKER_METRICS_PORT the HTTP listener. Resolves once it takes jobs.
 */
export async function startWorker(options: StartWorkerOptions): Promise<TicketWorker> {
  const config = options.config ?? parseWorkerConfig(options.env);
  const log = options.log ?? createLogger({ name: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  // The model loads (and warms up) before the worker takes its first job.
  const scorer = options.scorer ?? (await createScorer(config, log));
  const keys = createKeys(config.QUEUE_PREFIX);
  // Every connection (and BullMQ's, through its Worker and Queue) reports here, so an
  // outage is one line when Redis goes away and one when it is back.
  const redisState = new ConnectionStateLog(log);
  const redis = createRedis(config.REDIS_URL, { name: 'iq-worker' });
  redisState.watchClient(redis, (error) => log.error({ err: error }, 'redis error'));
  await waitForReady(redis, config.REDIS_READY_TIMEOUT_MS).catch((error: unknown) => {
    // A caller that goes on (a test, a supervisor in-process) must not inherit a client reconnecting forever.
    redis.disconnect();
    throw error;
  });
  const jobPolicy = jobPolicyFromEnv(config);
  const store = new TicketStore(redis, keys, config.ACTIVITY_MAXLEN, { retention: jobPolicy });
  const id = newWorkerId();
  // Its own registry: several workers in one process (tests) each count their own.
  const metrics = createMetrics({ process: 'worker' });
  const webhooks = config.WEBHOOK_URL ? setUpWebhooks(config.WEBHOOK_URL, config, { redis, keys, redisState, log, metrics, retention: jobPolicy }) : undefined;

  const processJob = jobProcessor({
    store,
    scorer: timedScorer(scorer, metrics),
    payload: jobPayloadSchema(limitsFromEnv(config)),
    alert: webhooks?.alert ?? (async () => undefined),
    log,
    bull: triageJobKeys(keys),
    metrics,
  });
  // BullMQ does not close a connection it was handed, so close() does.
  const bullConnection = createRedis(config.REDIS_URL, { blocking: true, name: 'iq-worker-bullmq' });
  // Its other errors reach the Worker's 'error' listener below, which BullMQ forwards them to.
  redisState.watchClient(bullConnection, () => undefined);
  const worker = new Worker<TicketJobData>(TRIAGE_QUEUE, processJob, {
    connection: bullConnection,
    prefix: keys.bullPrefix,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    // BullMQ's default (1) fails a job on its second stall; a stalled job is retried instead.
    maxStalledCount: config.WORKER_MAX_STALLS,
    autorun: false,
  });
  worker.on('failed', onJobFailed({ store, log, metrics }));
  // Includes the errors of the blocking connection BullMQ duplicates from bullConnection.
  redisState.watchErrors(worker, (error) => log.error({ err: error }, 'worker error'));

  const queue = createTriageQueue(redis, keys, jobPolicy);
  // Without a listener BullMQ console.errors each of them (the errors of `redis` included).
  redisState.watchErrors(queue, (error) => log.error({ err: error }, 'queue error'));
  let heartbeat: Awaited<ReturnType<typeof startHeartbeat>> | undefined;
  /** The background duties (claim reconciler, lease reaper), stopped before the worker. */
  const duties: PeriodicPass[] = [];
  let closing: Promise<void> | undefined;
  let http: HttpListener | undefined;
  // Also what a start that fails part-way runs: whatever was opened by then is closed.
  const close = () =>
    (closing ??= (async () => {
      heartbeat?.stop();
      for (const duty of duties) await duty.stop();
      await worker.close();
      // After the triage worker: its last jobs may enqueue deliveries (left to other workers).
      await webhooks?.close();
      await queue.close();
      await heartbeat?.leave();
      redis.disconnect();
      bullConnection.disconnect();
      // Last, so a probe sees 503 (not a refused connection) for as long as the drain lasts.
      await http?.close();
    })());

  try {
    heartbeat = await startHeartbeat({
      redis,
      keys,
      info: workerInfo(id, scorer.info, config),
      intervalMs: config.HEARTBEAT_INTERVAL_MS,
      redisState,
      log,
    });
    // Deliveries first: a triage job may enqueue one as soon as the worker runs.
    await webhooks?.start();
    void worker.run().catch((e: unknown) => log.error({ err: e }, 'worker stopped'));
    await worker.waitUntilReady();
    // BullMQ keeps the outcome of a Queue's first round trip (INFO) as its client for good:
    // had Redis gone away before it answered, every reconciler pass would fail from then on.
    await queue.waitUntilReady();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  // Read from Redis when scraped: the same figures as the API's (one queue), for a worker-only scrape.
  metrics.addQueueGauges(
    () => readQueueSnapshot(redis, keys, queue),
    (error) => log.debug({ err: error }, 'queue gauges not read for this scrape'),
  );
  duties.push(
    new ClaimReconciler(queue, store, {
      graceMs: config.RECONCILE_GRACE_MS,
      batch: 100,
    }).start(config.RECONCILE_INTERVAL_MS, log, redisState),
    // Every worker reaps: a lease that ran out goes back to the queue even if only one survives.
    new LeaseReaper(new TicketLeases(redis, keys, config.ACTIVITY_MAXLEN)).start(config.LEASE_REAP_INTERVAL_MS, log, redisState),
  );

  if (config.WORKER_METRICS_PORT > 0) {
    try {
      http = await startHttpListener({
        port: config.WORKER_METRICS_PORT,
        workerId: id,
        status: () => ({
          running: closing === undefined && worker.isRunning(),
          redisReady: redis.status === 'ready' && bullConnection.status === 'ready' && (webhooks?.isReady() ?? true),
        }),
        metrics: () => metrics.scrape(),
        log,
      });
    } catch (error) {
      // A port already taken is a configuration error: stop rather than run unobservable.
      await close().catch(() => undefined);
      throw error;
    }
  }
  log.info(
    {
      id,
      concurrency: config.WORKER_CONCURRENCY,
      scorer: scorer.info.model,
      webhook: Boolean(config.WEBHOOK_URL),
      // Never the URL (Slack and Discord keep a secret in its path) nor the secret.
      ...(config.WEBHOOK_URL
        ? { webhook_signed: Boolean(config.WEBHOOK_SECRET), escalate_after_s: config.ESCALATE_AFTER_SECONDS || null }
        : {}),
      ...(http ? { metrics_port: http.port } : {}),
    },
    'worker ready',
  );
  return { id, worker, ...(webhooks ? { deliveries: webhooks.deliveries } : {}), metrics, close };
}
