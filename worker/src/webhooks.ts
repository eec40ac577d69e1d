import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ConnectionStateLog,
  DeliveryLog,
  Escalations,
  WEBHOOK_QUEUE,
  createRedis,
  createWebhookQueue,
  type JobPolicy,
  type Keys,
  type Logger,
  type Metrics,
  type PeriodicPass,
  type WebhookJobData,
} from '@iq/core';
import { alertEnqueuer, createAlert, type Alert } from './alert.js';
import type { WorkerConfig } from './config.js';
import { deliveryProcessor } from './deliver-webhook.js';
import { startEscalationLoop } from './escalation-loop.js';

/** The webhook side of a worker: alerts enqueued by triage jobs, their deliveries, escalations. */
export interface Webhooks {
  alert: Alert;
  /** Starts the deliveries' worker and the escalation loop of each team served. */
  start(): Promise<void>;
  /** Stops escalating, finishes the deliveries in flight, closes the queue and connection. */
  close(): Promise<void>;
  deliveries: Worker<WebhookJobData>;
  isReady(): boolean;
}

export interface WebhookDeps {
  redis: Redis;
  /** Where to open the deliveries' blocking connection (redisUrlOf). */
  redisUrl: string;
  /** The deployment-wide keys (`{prefix}`): the webhook queue and the delivery log. */
  keys: Keys;
  /** The team queues served: their urgent tickets are escalated from their own queues. */
  teams: readonly { name: string; keys: Keys }[];
  redisState: ConnectionStateLog;
  log: Logger;
  metrics: Metrics;
  retention: JobPolicy;
}

/**
 * With WEBHOOK_URL: the deployment-wide webhook queue (one delivery per triage job and
 * kind, whatever the team), a BullMQ Worker delivering from it with retries and a timeout
 * per try, the delivery log and, with ESCALATE_AFTER_SECONDS, one escalation loop per team
 * served, on that team's queue.
 */
export function setUpWebhooks(url: string, config: WorkerConfig, deps: WebhookDeps): Webhooks {
  const { redis, redisUrl, keys, teams, redisState, log, metrics, retention } = deps;
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
  const escalations = new Map(teams.map((t) => [t.name, new Escalations(redis, t.keys, config.ACTIVITY_MAXLEN)]));
  const escalationsOf = (team: string) => {
    const found = escalations.get(team);
    // A job of a team this worker does not serve never reaches it.
    if (!found) throw new Error(`ticket of team queue "${team}", which this worker does not serve`);
    return found;
  };
  const enqueue = alertEnqueuer(queue, deliveryLog, { url, attempts: config.WEBHOOK_ATTEMPTS });

  const connection = createRedis(redisUrl, { blocking: true, name: 'iq-worker-webhooks' });
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

  const escalationLoops: PeriodicPass[] = [];
  return {
    alert: createAlert(config, { enqueue, escalationsOf }),
    deliveries,
    isReady: () => connection.status === 'ready',
    async start() {
      void deliveries.run().catch((e: unknown) => log.error({ err: e }, 'webhook worker stopped'));
      await deliveries.waitUntilReady();
      await queue.waitUntilReady();
      if (config.ESCALATE_AFTER_SECONDS > 0) {
        for (const [team, teamEscalations] of escalations) {
          escalationLoops.push(
            startEscalationLoop(
              { escalations: teamEscalations, enqueue, minUrgency: config.WEBHOOK_MIN_URGENCY },
              config.ESCALATE_INTERVAL_MS,
              log.child({ team }),
              redisState,
            ),
          );
        }
      }
    },
    async close() {
      await Promise.all(escalationLoops.map((loop) => loop.stop()));
      await deliveries.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
