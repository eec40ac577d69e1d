import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ClaimReconciler,
  ConnectionStateLog,
  LeaseReaper,
  TRIAGE_QUEUE,
  createRedis,
  createTriageQueue,
  reserveForRetry,
  triageJobKeys,
  type JobPolicy,
  type Logger,
  type Metrics,
  type PeriodicPass,
  type Scorer,
  type Team,
  type TeamSet,
  type TicketJobData,
  type TriageQueue,
} from '@iq/core';
import type { Alert } from './alert.js';
import type { WorkerConfig } from './config.js';
import type { JobPayloadSchema } from './job-payload.js';
import { onJobFailed } from './on-job-failed.js';
import { jobProcessor } from './process-job.js';

/** What a worker runs for one team queue it serves. */
export interface TeamWorker {
  readonly name: string;
  /** The BullMQ Worker of the team's triage queue (`{prefix:team}:bull:tickets`). */
  readonly worker: Worker<TicketJobData>;
  /** The team's triage queue, for the claim reconciler and the queue gauges. */
  readonly queue: TriageQueue;
  /** Runs the Worker; resolves once it takes jobs and the queue has answered. */
  start(): Promise<void>;
  /** Starts the team's background duties (claim reconciler, lease reaper); stopped by their caller. */
  startDuties(): PeriodicPass[];
  /** Whether it takes jobs, and whether its blocking connection is ready. */
  isRunning(): boolean;
  isReady(): boolean;
  /** Finishes the jobs in flight, then closes the Worker, the queue and the connection. */
  close(): Promise<void>;
}

export interface TeamWorkerDeps {
  /** Every team of the deployment: a retry from bull-board records its ticket id for this team first. */
  teams: TeamSet;
  /** The request connection every team shares (stores, queues, duties). */
  redis: Redis;
  /** Where to open the team's blocking connection (redisUrlOf). */
  redisUrl: string;
  redisState: ConnectionStateLog;
  log: Logger;
  metrics: Metrics;
  scorer: Scorer;
  payload: JobPayloadSchema;
  alert: Alert;
  jobPolicy: JobPolicy;
}

/**
 * The triage side of one team queue: a BullMQ Worker on the team's queue, with its own
 * blocking connection and WORKER_CONCURRENCY jobs in flight, processing into the team's
 * store, with the failure policy, the claim reconciler and the lease reaper of that team.
 */
export function setUpTeamWorker(team: Team, config: WorkerConfig, deps: TeamWorkerDeps): TeamWorker {
  const { redis, redisUrl, redisState, metrics } = deps;
  const log = deps.log.child({ team: team.name });
  const processJob = jobProcessor({
    store: team.store,
    team: team.name,
    scorer: deps.scorer,
    payload: deps.payload,
    alert: deps.alert,
    log,
    bull: triageJobKeys(team.keys),
    reserveForRetry: (ticketId) => reserveForRetry(deps.teams, team.name, ticketId),
    metrics,
  });
  // BullMQ does not close a connection it was handed, so close() does.
  const connection = createRedis(redisUrl, { blocking: true, name: `iq-worker-bullmq-${team.name}` });
  // Its other errors reach the Worker's 'error' listener below, which BullMQ forwards them to.
  redisState.watchClient(connection, () => undefined);
  const worker = new Worker<TicketJobData>(TRIAGE_QUEUE, processJob, {
    connection,
    prefix: team.keys.bullPrefix,
    concurrency: config.WORKER_CONCURRENCY,
    lockDuration: config.WORKER_LOCK_DURATION_MS,
    stalledInterval: config.WORKER_STALLED_INTERVAL_MS,
    // BullMQ's default (1) fails a job on its second stall; a stalled job is retried instead.
    maxStalledCount: config.WORKER_MAX_STALLS,
    autorun: false,
  });
  worker.on(
    'failed',
    onJobFailed({ team: team.name, store: team.store, forget: (ticketId, jobId) => deps.teams.owners.forget(ticketId, team.name, jobId), log, metrics }),
  );
  // Includes the errors of the blocking connection BullMQ duplicates from `connection`.
  redisState.watchErrors(worker, (error) => log.error({ err: error }, 'worker error'));

  const queue = createTriageQueue(redis, team.keys, deps.jobPolicy);
  // Without a listener BullMQ console.errors each of them (the errors of `redis` included).
  redisState.watchErrors(queue, (error) => log.error({ err: error }, 'queue error'));

  return {
    name: team.name,
    worker,
    queue,
    async start() {
      void worker.run().catch((e: unknown) => log.error({ err: e }, 'worker stopped'));
      await worker.waitUntilReady();
      // BullMQ keeps the outcome of a Queue's first round trip (INFO) as its client for good:
      // had Redis gone away before it answered, every reconciler pass would fail from then on.
      await queue.waitUntilReady();
    },
    startDuties: () => [
      new ClaimReconciler(queue, team.store, { graceMs: config.RECONCILE_GRACE_MS, batch: 100 }).start(config.RECONCILE_INTERVAL_MS, log, redisState),
      // Every worker of the team reaps: a lease that ran out goes back to the queue even if only one survives.
      new LeaseReaper(team.leases).start(config.LEASE_REAP_INTERVAL_MS, log, redisState),
    ],
    isRunning: () => worker.isRunning(),
    isReady: () => connection.status === 'ready',
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
