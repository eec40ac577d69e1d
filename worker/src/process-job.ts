import { UnrecoverableError, type Job } from 'bullmq';
import { processTicket, type Logger, type Scorer, type StoreOutcome, type TicketJobData, type TicketStore } from '@iq/core';
import type { Alert } from './alert.js';
import { legacyPayload, type JobPayloadSchema } from './job-payload.js';

/** What a job completes with (kept by BullMQ as the job's return value). */
export type JobResult =
  | { outcome: 'already_stored' | 'stale' }
  | { outcome: StoreOutcome; urgency_score: number; category: string };

export interface JobDeps {
  store: TicketStore;
  scorer: Scorer;
  payload: JobPayloadSchema;
  alert: Alert;
  log: Logger;
}

/**
 * BullMQ's processor for triage jobs: reads the content stored with the job's claim,
 * triages and stores the ticket, then alerts. Safe to run again for the same job (a
 * retry, or a job recovered from a dead worker): it stores and alerts at most once.
 */
export function jobProcessor(deps: JobDeps): (job: Job<TicketJobData>) => Promise<JobResult> {
  const { store, scorer, payload, alert, log } = deps;
  return async (job) => {
    const jobLog = log.child({ job: job.id, attempt: job.attemptsMade + 1 });
    const jobId = job.id!;
    const json = (await store.payload(jobId)) ?? legacyPayload(job.data);
    if (json === null) {
      // Stored by an earlier attempt that died before completing, or released. A stored
      // ticket's alert is enqueued again: a no-op if that attempt enqueued it already.
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
  };
}
