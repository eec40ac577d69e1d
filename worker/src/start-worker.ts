import type { Worker } from 'bullmq';
import {
  ConnectionStateLog,
  TeamSet,
  createLogger,
  createMetrics,
  createRedis,
  createScorer,
  jobPolicyFromEnv,
  migrateSingleQueue,
  limitsFromEnv,
  readTeamQueueSnapshots,
  redisUrlOf,
  waitForReady,
  type Logger,
  type Metrics,
  type PeriodicPass,
  type Scorer,
  type TicketJobData,
  type WebhookJobData,
} from '@iq/core';
import { parseWorkerConfig, servedTeams, type WorkerConfig } from './config.js';
import { newWorkerId, startHeartbeat, workerInfo } from './heartbeat.js';
import { startHttpListener, type HttpListener } from './http-listener.js';
import { jobPayloadSchema } from './job-payload.js';
import { timedScorer } from './metrics.js';
import { setUpTeamWorker } from './team-worker.js';
import { setUpWebhooks } from './webhooks.js';

export interface TicketWorker {
  readonly id: string;
  /** The team queues it serves (WORKER_TEAMS), in TEAM_QUEUES order. */
  readonly teams: string[];
  /** One BullMQ Worker per team served, in the order of `teams`. */
  readonly workers: Worker<TicketJobData>[];
  /** The first team's Worker (`workers[0]`); pausing it holds that team's jobs only. */
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

/**
 * Starts a worker that triages tickets, as the entry point and the tests both do: the
 * connections, one BullMQ Worker per team queue served (WORKER_TEAMS) with its processing
 * and failure policies, claim reconciler and lease reaper, the heartbeat, with WEBHOOK_URL
 * the webhook deliveries and each team's escalations, and with WORKER_METRICS_PORT the
 * HTTP listener. Resolves once it takes jobs from every team it serves.
 */
export async function startWorker(options: StartWorkerOptions): Promise<TicketWorker> {
  const config = options.config ?? parseWorkerConfig(options.env);
  // A configuration built by hand is held to what parseWorkerConfig checks.
  const served = servedTeams(config.TEAM_QUEUES, config.WORKER_TEAMS);
  const log = options.log ?? createLogger({ name: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  // The model loads (and warms up) before the worker takes its first job.
  const scorer = options.scorer ?? (await createScorer(config, log));
  // REDIS_CLUSTER_NODES (a Redis Cluster) wins over REDIS_URL, for every connection.
  const redisUrl = redisUrlOf(config);
  // Every connection (and BullMQ's, through its Worker and Queue) reports here, so an
  // outage is one line when Redis goes away and one when it is back.
  const redisState = new ConnectionStateLog(log);
  const redis = createRedis(redisUrl, { name: 'iq-worker' });
  redisState.watchClient(redis, (error) => log.error({ err: error }, 'redis error'));
  await waitForReady(redis, config.REDIS_READY_TIMEOUT_MS).catch((error: unknown) => {
    // A caller that goes on (a test, a supervisor in-process) must not inherit a client reconnecting forever.
    redis.disconnect();
    throw error;
  });
  const jobPolicy = jobPolicyFromEnv(config);
  const teams = new TeamSet(redis, {
    prefix: config.QUEUE_PREFIX,
    teams: config.TEAM_QUEUES,
    activityMaxlen: config.ACTIVITY_MAXLEN,
    retention: jobPolicy,
  });
  const id = newWorkerId();
  // Its own registry: several workers in one process (tests) each count their own.
  const metrics = createMetrics({ process: 'worker', teams: served });
  // The deployment-wide keys (`{prefix}`) serve the webhook queue, the delivery log and the heartbeat.
  const webhooks = config.WEBHOOK_URL
    ? setUpWebhooks(config.WEBHOOK_URL, config, {
        redis,
        redisUrl,
        keys: teams.shared,
        teams: teams.pick(served),
        redisState,
        log,
        metrics,
        retention: jobPolicy,
      })
    : undefined;
  const teamDeps = {
    teams,
    redis,
    redisUrl,
    redisState,
    log,
    metrics,
    scorer: timedScorer(scorer, metrics),
    payload: jobPayloadSchema(limitsFromEnv(config)),
    alert: webhooks?.alert ?? (async () => undefined),
    jobPolicy,
  };
  const teamWorkers = teams.pick(served).map((team) => setUpTeamWorker(team, config, teamDeps));

  let heartbeat: Awaited<ReturnType<typeof startHeartbeat>> | undefined;
  /** The background duties (each team's claim reconciler and lease reaper), stopped before the workers. */
  const duties: PeriodicPass[] = [];
  let closing: Promise<void> | undefined;
  let http: HttpListener | undefined;
  // Also what a start that fails part-way runs: whatever was opened by then is closed.
  const close = () =>
    (closing ??= (async () => {
      heartbeat?.stop();
      await Promise.all(duties.map((duty) => duty.stop()));
      await Promise.all(teamWorkers.map((t) => t.close()));
      // After the triage workers: their last jobs may enqueue deliveries (left to other workers).
      await webhooks?.close();
      await heartbeat?.leave();
      redis.disconnect();
      // Last, so a probe sees 503 (not a refused connection) for as long as the drain lasts.
      await http?.close();
    })());

  try {
    // Upgrading from the single-queue versions: their queue moves into the team queues
    // before any worker takes a job (a no-op when there is nothing under the old keys).
    const moved = await migrateSingleQueue(teams, jobPolicy);
    if (moved && Object.values(moved).some((n) => n > 0)) log.info(moved, 'moved the single queue into the team queues');
    heartbeat = await startHeartbeat({
      redis,
      keys: teams.shared,
      info: workerInfo(id, scorer.info, { ...config, WORKER_TEAMS: served }),
      intervalMs: config.HEARTBEAT_INTERVAL_MS,
      redisState,
      log,
    });
    // Deliveries first: a triage job may enqueue one as soon as the worker runs.
    await webhooks?.start();
    await Promise.all(teamWorkers.map((t) => t.start()));
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  // Read from Redis when scraped: the figures of the teams this worker serves, one series
  // each (`team`), the same as the API's for those teams, for a worker-only scrape.
  metrics.addQueueGauges(
    () =>
      readTeamQueueSnapshots(
        redis,
        teamWorkers.map((t) => ({ name: t.name, keys: teams.team(t.name).keys, queue: t.queue })),
        (error, team) => log.debug({ err: error, team }, "a team's queue gauges not read for this scrape"),
      ),
    (error) => log.debug({ err: error }, 'queue gauges not read for this scrape'),
  );
  for (const t of teamWorkers) duties.push(...t.startDuties());

  if (config.WORKER_METRICS_PORT > 0) {
    try {
      http = await startHttpListener({
        port: config.WORKER_METRICS_PORT,
        workerId: id,
        status: () => ({
          running: closing === undefined && teamWorkers.every((t) => t.isRunning()),
          redisReady: redis.status === 'ready' && teamWorkers.every((t) => t.isReady()) && (webhooks?.isReady() ?? true),
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
      teams: served,
      // Per team queue served.
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
  const workers = teamWorkers.map((t) => t.worker);
  return { id, teams: served, workers, worker: workers[0]!, ...(webhooks ? { deliveries: webhooks.deliveries } : {}), metrics, close };
}
