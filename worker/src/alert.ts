import {
  alertTicket,
  enqueueDelivery,
  newDeliveryEntry,
  type DeliveryLog,
  type Escalations,
  type Logger,
  type ProcessedTicket,
  type WebhookJobData,
  type WebhookQueue,
} from '@iq/core';
import type { WorkerConfig } from './config.js';

/** Alerts the webhook about `ticket` if the policy says so: enqueues its delivery, never sends it. */
export type Alert = (ticket: ProcessedTicket, log: Logger) => Promise<void>;

/** Enqueues the delivery of an alert (a no-op when it was enqueued before) and logs it as pending; returns its id. */
export type EnqueueAlert = (data: WebhookJobData) => Promise<string>;

export type AlertConfig = Pick<WorkerConfig, 'WEBHOOK_URL' | 'WEBHOOK_MIN_URGENCY' | 'ESCALATE_AFTER_SECONDS'>;

export interface AlertDeps {
  enqueue: EnqueueAlert;
  /** The escalations of a team queue: a ticket is escalated from its own team's queue. */
  escalationsOf: (team: string) => Pick<Escalations, 'schedule'>;
}

/**
 * The enqueue of a delivery: the BullMQ job first (its id is the delivery's, so a second
 * enqueue of the same alert adds nothing), then the pending entry of the delivery log
 * (which the first try logs if this dies in between).
 */
export function alertEnqueuer(
  queue: WebhookQueue,
  deliveries: Pick<DeliveryLog, 'queued'>,
  target: { url: string; attempts: number },
): EnqueueAlert {
  return async (data) => {
    const deliveryId = await enqueueDelivery(queue, data);
    await deliveries.queued(
      newDeliveryEntry({ deliveryId, kind: data.kind, ticket: data.ticket, url: target.url, maxAttempts: target.attempts, at: new Date().toISOString() }),
    );
    return deliveryId;
  };
}

/**
 * The alert policy: a ticket above WEBHOOK_MIN_URGENCY is alerted once, and (with
 * ESCALATE_AFTER_SECONDS) becomes due for escalation in its team's queue. The triage job only enqueues: the
 * delivery is the webhook queue's, with its own retries, so the ticket's processing never
 * waits on the receiver. Enqueueing is idempotent (one delivery per job and kind), so
 * a triage job that runs again (a retry, a job recovered from a killed worker) alerts
 * once; a failed enqueue fails the triage job, whose retry enqueues again.
 */
export function createAlert(config: AlertConfig, deps: AlertDeps): Alert {
  const { enqueue, escalationsOf } = deps;
  const url = config.WEBHOOK_URL;
  return async (ticket, log) => {
    if (!url || ticket.urgency_score <= config.WEBHOOK_MIN_URGENCY) return;
    const deliveryId = await enqueue({ kind: 'urgent', ticket: alertTicket(ticket) });
    if (config.ESCALATE_AFTER_SECONDS > 0) await escalationsOf(ticket.team).schedule(ticket, config.ESCALATE_AFTER_SECONDS * 1000);
    log.debug({ delivery: deliveryId }, 'alert enqueued');
  };
}
