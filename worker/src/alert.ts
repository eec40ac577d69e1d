import type { ActivityLog, Logger, ProcessedTicket, TicketStore } from '@iq/core';
import type { WorkerConfig } from './config.js';
import { sendWebhook } from './webhook.js';

/** Alerts the webhook about `ticket` if the policy says so; never throws for a failed delivery. */
export type Alert = (ticket: ProcessedTicket, log: Logger) => Promise<void>;

export type AlertConfig = Pick<
  WorkerConfig,
  'WEBHOOK_URL' | 'WEBHOOK_MIN_URGENCY' | 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_FORMAT' | 'JOB_RETENTION_SECONDS'
>;

export interface AlertDeps {
  store: Pick<TicketStore, 'claimAlert'>;
  activity: Pick<ActivityLog, 'emit'>;
  /** The delivery; a seam for tests, sendWebhook otherwise. */
  send?: typeof sendWebhook;
}

/**
 * The alert policy: a ticket above WEBHOOK_MIN_URGENCY alerts once. The delivery is
 * claimed before it is sent, so a retry or a recovered job never alerts again (a worker
 * that dies between the claim and the send loses that alert rather than repeating it).
 * The claim lives as long as the job is kept, which outlives any retry of it.
 */
export function createAlert(config: AlertConfig, deps: AlertDeps): Alert {
  const { store, activity, send = sendWebhook } = deps;
  const url = config.WEBHOOK_URL;
  return async (ticket, log) => {
    if (!url || ticket.urgency_score <= config.WEBHOOK_MIN_URGENCY) return;
    if (!(await store.claimAlert(ticket.job_id, 'urgent', config.JOB_RETENTION_SECONDS * 1000))) return;
    const result = await send(url, ticket, config.WEBHOOK_TIMEOUT_MS, config.WEBHOOK_FORMAT);
    const data = { ticket_id: ticket.ticket_id, job_id: ticket.job_id, urgency_score: ticket.urgency_score };
    if (result.ok) {
      await activity.emit('webhook_sent', { ...data, status: result.status });
    } else {
      log.warn({ err: result.error }, 'webhook failed');
      await activity.emit('webhook_failed', { ...data, error: result.error, ...(result.status ? { status: result.status } : {}) });
    }
  };
}
