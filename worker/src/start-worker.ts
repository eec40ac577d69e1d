import { Worker } from 'bullmq';
import {
  ActivityLog,
  ClaimReconciler,
  ConnectionStateLog,
  TRIAGE_QUEUE,
  TicketStore,
  createKeys,
  createLogger,
  createRedis,
  createScorer,
  createTriageQueue,
  jobPolicyFromEnv,
  limitsFromEnv,
  waitForReady,
  type Logger,
  type Scorer,
  type TicketJobData,
} from '@iq/core';
import { createAlert } from './alert.js';
import { parseWorkerConfig, type WorkerConfig } from './config.js';
import { newWorkerId, startHeartbeat, workerInfo } from './heartbeat.js';
import { startHttpListener, type HttpListener } from './http-listener.js';
import { jobPayloadSchema } from './job-payload.js';
import { onJobFailed } from './on-job-failed.js';
import { jobProcessor } from './process-job.js';

export interface TicketWorker {
  readonly id: string;
  readonly worker: Worker<TicketJobData>;
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

/**
 * Starts a worker that triages tickets, as the entry point and the tests both do: the
 * connections, the BullMQ Worker with its processing and failure policies, the heartbeat,
 * the claim reconciler and, with WORKER_METRICS_PORT, the HTTP listener. Resolves once
 * it takes jobs.
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
  await waitForReady(redis).catch((error: unknown) => {
    // A caller that goes on (a test, a supervisor in-process) must not inherit a client reconnecting forever.
    redis.disconnect();
    throw error;
  });
  const store = new TicketStore(redis, keys, config.ACTIVITY_MAXLEN);
  const activity = new ActivityLog(redis, keys, config.ACTIVITY_MAXLEN);
  const id = newWorkerId();

  const processJob = jobProcessor({
    store,
    scorer,
    payload: jobPayloadSchema(limitsFromEnv(config)),
    alert: createAlert(config, { store, activity }),
    log,
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
  worker.on('failed', onJobFailed({ store, log }));
  // Includes the errors of the blocking connection BullMQ duplicates from bullConnection.
  redisState.watchErrors(worker, (error) => log.error({ err: error }, 'worker error'));

  const heartbeat = await startHeartbeat({
    redis,
    keys,
    info: workerInfo(id, scorer.info, config),
    intervalMs: config.HEARTBEAT_INTERVAL_MS,
    redisState,
    log,
  });

  void worker.run().catch((e: unknown) => log.error({ err: e }, 'worker stopped'));
  await worker.waitUntilReady();
  const queue = createTriageQueue(redis, keys, jobPolicyFromEnv(config));
  // Without a listener BullMQ console.errors each of them (the errors of `redis` included).
  redisState.watchErrors(queue, (error) => log.error({ err: error }, 'queue error'));
  // BullMQ keeps the outcome of a Queue's first round trip (INFO) as its client for good:
  // had Redis gone away before it answered, every reconciler pass would fail from then on.
  await queue.waitUntilReady();
  const reconciler = new ClaimReconciler(queue, store, {
    graceMs: config.RECONCILE_GRACE_MS,
    batch: 100,
  }).start(config.RECONCILE_INTERVAL_MS, log, redisState);

  let closing: Promise<void> | undefined;
  let http: HttpListener | undefined;
  const close = () =>
    (closing ??= (async () => {
      heartbeat.stop();
      await reconciler.stop();
      await worker.close();
      await queue.close();
      await heartbeat.leave();
      redis.disconnect();
      bullConnection.disconnect();
      // Last, so a probe sees 503 (not a refused connection) for as long as the drain lasts.
      await http?.close();
    })());

  if (config.WORKER_METRICS_PORT > 0) {
    try {
      http = await startHttpListener({
        port: config.WORKER_METRICS_PORT,
        workerId: id,
        status: () => ({
          running: closing === undefined && worker.isRunning(),
          redisReady: redis.status === 'ready' && bullConnection.status === 'ready',
        }),
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
      ...(http ? { metrics_port: http.port } : {}),
    },
    'worker ready',
  );
  return { id, worker, close };
}
