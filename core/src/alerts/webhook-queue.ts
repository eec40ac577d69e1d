import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { AlertKind, AlertTicket } from './webhook-message.js';

/** BullMQ's name for the webhook deliveries: a queue of their own, beside the triage queue. */
export const WEBHOOK_QUEUE = 'webhooks';
export const WEBHOOK_JOB = 'deliver';

/**
 * What a delivery job carries: which alert, and a snapshot of its ticket as it was stored
 * (never its body). The URL, format and secret are the delivering worker's, read when it
 * sends: a Slack or Discord URL holds its own secret in its path and is never stored.
 */
export interface WebhookJobData {
  kind: AlertKind;
  ticket: AlertTicket;
  /** Escalations: how long the ticket had waited when it was escalated. */
  waited_seconds?: number;
}

/**
 * The delivery's job id, and its id in the delivery log: one per triage job and kind
 * (`T-1001~1.urgent`, `T-1001~1.escalation`). A job id is unique per submission, and
 * BullMQ adds a job whose id it already holds only once, so a triage job that runs again
 * (a retry, a job recovered from a killed worker) or two workers escalating the same
 * ticket enqueue one delivery between them. Triage job ids never hold a `.` after their
 * last `~`, so the kind is what follows the last `.`.
 */
export const deliveryId = (jobId: string, kind: AlertKind): string => `${jobId}.${kind}`;

/** Tries, backoff and retention of deliveries. */
export interface DeliveryPolicy {
  /** Tries in all (the first one included). */
  attempts: number;
  /** Exponential: the wait before try n + 1 is backoffMs × 2^(n − 1). */
  backoffMs: number;
  /**
   * A finished delivery job is kept this long (and among the last `retentionCount`): as
   * long as it is kept, enqueueing its id again is a no-op. A triage job runs again within
   * its own life (seconds to minutes), far inside this window.
   */
  retentionSeconds: number;
  retentionCount: number;
}

export type WebhookQueue = Queue<WebhookJobData, unknown, typeof WEBHOOK_JOB>;

export function createWebhookQueue(connection: Redis, keys: Keys, policy: DeliveryPolicy): WebhookQueue {
  const keep = { age: policy.retentionSeconds, count: policy.retentionCount };
  return new Queue<WebhookJobData, unknown, typeof WEBHOOK_JOB>(WEBHOOK_QUEUE, {
    connection,
    prefix: keys.bullPrefix,
    defaultJobOptions: {
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs },
      removeOnComplete: keep,
      removeOnFail: keep,
    },
  });
}

/** Enqueues the delivery of one alert (a no-op when it was enqueued before); returns its id. */
export async function enqueueDelivery(queue: WebhookQueue, data: WebhookJobData): Promise<string> {
  const id = deliveryId(data.ticket.job_id, data.kind);
  await queue.add(WEBHOOK_JOB, data, { jobId: id });
  return id;
}
