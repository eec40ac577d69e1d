import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import {
  ActivityLog,
  ClaimReconciler,
  ConnectionStateLog,
  TRIAGE_QUEUE,
  TicketStore,
  createKeys,
  createRedis,
  createTriageQueue,
  jobPolicyFromEnv,
  limitsFromEnv,
  processTicket,
  removeWorker,
  sendHeartbeat,
  waitForReady,
  type Logger,
  type ProcessedTicket,
  type Scorer,
  type TicketJobData,
  type WorkerInfo,
} from '@iq/core';
import type { WorkerConfig } from './config.js';
import { jobPayloadSchema } from './job-payload.js';
import { sendWebhook } from './webhook.js';

/** A job enqueued before claims stored their content carries the content itself. */
interface LegacyJobData {
  ticket?: { ticket_id?: string };
}

/** The content of a job from before the upgrade, so a queue is not lost by upgrading under it. */
const legacyPayload = (data: unknown): string | null =>
  data !== null && typeof data === 'object' && 'ticket' in data ? JSON.stringify(data) : null;

export interface TicketWorker {
  readonly id: string;
  readonly worker: Worker<TicketJobData>;
  /** Stops taking jobs, finishes the ones in flight, then closes every connection. */
  close(): Promise<void>;
}

/** Starts a BullMQ worker that triages tickets; resolves once it is connected. */
export async function startTicketWorker(config: WorkerConfig, scorer: Scorer, log: Logger): Promise<TicketWorker> {
  const keys = createKeys(config.QUEUE_PREFIX);
  // Every connection (and BullMQ's, through its Worker and Queue) reports here, so an
  // outage is one line when Redis goes away and one when it is back.
  const redisState = new ConnectionStateLog(log);
  const redis = createRedis(config.REDIS_URL, { name: 'iq-worker' });
  redisState.watchClient(redis, (error) => log.error({ err: error }, 'redis error'));
  await waitForReady(redis);
  const store = new TicketStore(redis, keys, config.ACTIVITY_MAXLEN);
  const activity = new ActivityLog(redis, keys, config.ACTIVITY_MAXLEN);
  const payload = jobPayloadSchema(limitsFromEnv(config));
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  /** Alerts once per ticket: the delivery is claimed first, so a retry or a recovered job never alerts again. */
  async function alert(ticket: ProcessedTicket, jobLog: Logger): Promise<void> {
    if (!config.WEBHOOK_URL || ticket.urgency_score <= config.WEBHOOK_MIN_URGENCY) return;
    if (!(await store.claimAlert(ticket.job_id, 'urgent', config.JOB_RETENTION_SECONDS * 1000))) return;
    const result = await sendWebhook(config.WEBHOOK_URL, ticket, config.WEBHOOK_TIMEOUT_MS, config.WEBHOOK_FORMAT);
    const data = { ticket_id: ticket.ticket_id, job_id: ticket.job_id, urgency_score: ticket.urgency_score };
    if (result.ok) {
      await activity.emit('webhook_sent', { ...data, status: result.status });
    } else {
      jobLog.warn({ error: result.error }, 'webhook failed');
      await activity.emit('webhook_failed', { ...data, error: result.error, ...(result.status ? { status: result.status } : {}) });
    }
  }

  async function handle(job: Job<TicketJobData>) {
    const jobLog = log.child({ job: job.id, attempt: job.attemptsMade + 1 });
    const jobId = job.id!;
    const json = (await store.payload(jobId)) ?? legacyPayload(job.data);
    if (json === null) {
      // Stored by an earlier attempt that died before completing (its alert, if any, is
      // claimed already), or released: nothing left to do either way.
      const stored = await store.storedBy(job.data.ticket_id, jobId);
      if (stored) await alert(stored, jobLog);
      jobLog.debug({ ticket: job.data.ticket_id, stored: Boolean(stored) }, 'no payload left for this job');
      return { outcome: stored ? 'already_stored' : 'stale' };
    }
    const parsed = payload.safeParse(JSON.parse(json));
    // A malformed payload will not get better on retry.
    if (!parsed.success) throw new UnrecoverableError(`invalid job payload: ${parsed.error.message}`);
    const { ticket, outcome } = await processTicket({ store, scorer }, { id: jobId, data: parsed.data });
    jobLog.debug({ ticket: ticket.ticket_id, outcome, urgency: ticket.urgency_score, category: ticket.category }, 'processed');
    if (outcome === 'stale') {
      jobLog.warn({ ticket: ticket.ticket_id }, 'ticket id no longer claimed by this job; not stored');
    } else {
      await alert(ticket, jobLog);
    }
    return { outcome, urgency_score: ticket.urgency_score, category: ticket.category };
  }

  // BullMQ does not close a connection it was handed, so close() does.
  const bullConnection = createRedis(config.REDIS_URL, { blocking: true, name: 'iq-worker-bullmq' });
  // Its other errors reach the Worker's 'error' listener below, which BullMQ forwards them to.
  redisState.watchClient(bullConnection, () => undefined);
  const worker = new Worker<TicketJobData>(TRIAGE_QUEUE, handle, {
    connection: bullConnection,
    prefix: keys.bullPrefix,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    // BullMQ's default (1) fails a job on its second stall; a stalled job is retried instead.
    maxStalledCount: config.WORKER_MAX_STALLS,
    autorun: false,
  });

  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn({ job: job.id, attempt: job.attemptsMade, final, error: error.message }, 'job failed');
    if (!final) return;
    const ticketId = job.data?.ticket_id ?? (job.data as LegacyJobData | undefined)?.ticket?.ticket_id;
    // A ticket that failed for good frees its id (unless it was stored), so the client can
    // submit it again; if this worker dies first, the reconciler does it.
    if (typeof ticketId !== 'string') return;
    store.release(ticketId, job.id!, 'ticket_failed', error.message).catch((e: unknown) => log.error({ err: e }, 'could not record ticket_failed'));
  });
  // Includes the errors of the blocking connection BullMQ duplicates from bullConnection.
  redisState.watchErrors(worker, (error) => log.error({ err: error }, 'worker error'));

  const info: WorkerInfo = {
    id,
    pid: process.pid,
    host: hostname(),
    scorer: scorer.info,
    // The dashboard's "High (webhook)" badge follows what the workers really alert on.
    webhook_min_urgency: config.WEBHOOK_URL ? config.WEBHOOK_MIN_URGENCY : null,
    started_at: new Date().toISOString(),
  };
  const beat = () =>
    sendHeartbeat(redis, keys, info).then(
      () => redisState.up(),
      (e: unknown) => {
        if (!redisState.report(e)) log.warn({ err: e }, 'heartbeat failed');
      },
    );
  await beat();
  const heartbeat = setInterval(beat, config.HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

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
  log.info(
    { id, concurrency: config.WORKER_CONCURRENCY, scorer: scorer.info.model, webhook: Boolean(config.WEBHOOK_URL) },
    'worker ready',
  );

  return {
    id,
    worker,
    async close() {
      clearInterval(heartbeat);
      await reconciler.stop();
      await worker.close();
      await queue.close();
      await removeWorker(redis, keys, id).catch(() => undefined);
      redis.disconnect();
      bullConnection.disconnect();
    },
  };
}
