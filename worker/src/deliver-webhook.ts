import { UnrecoverableError, type Job } from 'bullmq';
import {
  newDeliveryEntry,
  type DeliveryEventBase,
  type DeliveryLog,
  type Logger,
  type Metrics,
  type WebhookJobData,
} from '@iq/core';
import { sendWebhook, webhookRequest, type WebhookSettings } from './webhook.js';

/** The part of a delivery job the processor reads (a BullMQ Job has all of it). */
export type DeliveryJob = Pick<Job<WebhookJobData>, 'id' | 'data' | 'attemptsMade' | 'opts'>;

/** What a delivery job completes with. */
export type DeliveryResult = { outcome: 'delivered'; status: number; attempts: number } | { outcome: 'done_before' };

export interface DeliveryDeps {
  deliveries: Pick<DeliveryLog, 'begin' | 'finish'>;
  log: Logger;
  /** One try; a seam for tests, sendWebhook otherwise. */
  send?: typeof sendWebhook;
  /** `iq_webhook_deliveries_total{outcome}`, one per try; unset: not counted. */
  metrics?: Pick<Metrics, 'webhookDeliveries'>;
}

/**
 * BullMQ's processor for webhook deliveries: one try per run. A try that fails and may
 * be retried throws, so BullMQ runs it again after its backoff; the last one (or a
 * refusal no retry would change) records `webhook_failed` and fails the job for good.
 * Every try is marked in flight before it is sent, and a run that finds the previous
 * try still marked (its worker died during it) does not send again: the receiver may
 * have it, and an alert goes out at most once.
 */
export function deliveryProcessor(settings: WebhookSettings, deps: DeliveryDeps): (job: DeliveryJob) => Promise<DeliveryResult> {
  const { deliveries, log, send = sendWebhook, metrics } = deps;
  return async (job) => {
    const deliveryId = job.id!;
    const { kind, ticket } = job.data;
    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const jobLog = log.child({ delivery: deliveryId, ticket: ticket.ticket_id, attempt });
    const ref = { delivery_id: deliveryId, job_id: ticket.job_id, kind };
    const base = (attempts: number): DeliveryEventBase => ({
      ticket_id: ticket.ticket_id,
      job_id: ticket.job_id,
      urgency_score: ticket.urgency_score,
      kind,
      delivery_id: deliveryId,
      attempts,
    });

    const at = new Date().toISOString();
    const entry = newDeliveryEntry({ deliveryId, kind, ticket, url: settings.url, maxAttempts, at });
    const begun = await deliveries.begin(entry, attempt, { status: 'sending', attempts: attempt, url_host: entry.url_host, updated_at: at });
    if (!begun.go) {
      if (begun.done) return { outcome: 'done_before' };
      const error = `the worker sending try ${begun.diedDuring} died during it; not sent again, so that it arrives at most once`;
      jobLog.warn({ tried: begun.diedDuring }, 'webhook delivery given up: its worker died while sending');
      metrics?.webhookDeliveries.inc({ outcome: 'failed' });
      await deliveries.finish(ref, begun.diedDuring, {
        final: true,
        patch: { status: 'failed', response_code: null, last_error: error, updated_at: new Date().toISOString() },
        event: { type: 'webhook_failed', data: { ...base(begun.diedDuring), error } },
      });
      throw new UnrecoverableError(error);
    }

    const result = await send(webhookRequest(settings, { kind, delivery_id: deliveryId, ticket, waited_seconds: job.data.waited_seconds }, attempt));
    const done = new Date().toISOString();
    if (result.ok) {
      await deliveries.finish(ref, attempt, {
        final: true,
        // last_error stays: a delivery that needed a second try says why the first failed.
        patch: { status: 'delivered', response_code: result.status, updated_at: done },
        event: { type: 'webhook_sent', data: { ...base(attempt), status: result.status } },
      });
      jobLog.debug({ status: result.status }, 'webhook delivered');
      metrics?.webhookDeliveries.inc({ outcome: 'delivered' });
      return { outcome: 'delivered', status: result.status, attempts: attempt };
    }

    const final = !result.retryable || attempt >= maxAttempts;
    const patch = { status: final ? ('failed' as const) : ('retrying' as const), response_code: result.status ?? null, last_error: result.error, updated_at: done };
    if (final) {
      const data = { ...base(attempt), error: result.error, ...(result.status ? { status: result.status } : {}) };
      await deliveries.finish(ref, attempt, { final: true, patch, event: { type: 'webhook_failed', data } });
      jobLog.warn({ err: result.error, attempts: attempt }, 'webhook failed');
      metrics?.webhookDeliveries.inc({ outcome: 'failed' });
      throw new UnrecoverableError(result.error);
    }
    await deliveries.finish(ref, attempt, { final: false, patch });
    jobLog.info({ err: result.error }, 'webhook try failed; retrying');
    metrics?.webhookDeliveries.inc({ outcome: 'retrying' });
    throw new Error(result.error);
  };
}
