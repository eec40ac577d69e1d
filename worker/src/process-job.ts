import { performance } from 'node:perf_hooks';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  processTicket,
  type BullJobKeys,
  type Logger,
  type Metrics,
  type Scorer,
  type StoreOutcome,
  type TicketJobData,
  type TicketStore,
} from '@iq/core';
import type { Alert } from './alert.js';
import { legacyPayload, type JobPayloadSchema } from './job-payload.js';

/** What a job completes with (kept by BullMQ as the job's return value). */
export type JobResult =
  | { outcome: 'already_stored' | 'stale' }
  | { outcome: StoreOutcome; urgency_score: number; category: string };

export interface JobDeps {
  /** The store of the team queue the jobs come from. */
  store: TicketStore;
  /** That team's name, on every ticket processed (and on its metrics). */
  team: string;
  scorer: Scorer;
  payload: JobPayloadSchema;
  alert: Alert;
  log: Logger;
  /** Where BullMQ keeps triage jobs: a job retried from bull-board claims its ticket again here. */
  bull: BullJobKeys;
  /**
   * Records a retried job's ticket id for this team before it is claimed again; false when
   * another team holds a live claim on it (see reserveForRetry). Unset: one team, nothing to record.
   */
  reserveForRetry?: (ticketId: string) => Promise<boolean>;
  /** `iq_tickets_processed_total` (by category and team) and `iq_processing_seconds`; unset: not measured. */
  metrics?: Pick<Metrics, 'ticketsProcessed' | 'processingSeconds'>;
}

/**
 * BullMQ's processor for triage jobs: reads the content stored with the job's claim,
 * triages and stores the ticket, then alerts. Safe to run again for the same job (a
 * retry, or a job recovered from a dead worker): it stores and alerts at most once.
 */
export function jobProcessor(deps: JobDeps): (job: Job<TicketJobData>) => Promise<JobResult> {
  const { metrics, team } = deps;
  const run = processOne(deps);
  if (!metrics) return run;
  return async (job) => {
    const started = performance.now();
    let outcome = 'error';
    try {
      const result = await run(job);
      outcome = result.outcome;
      // Only the attempt that stored it: a retry of a stored ticket is not a second one.
      if (result.outcome === 'stored') metrics.ticketsProcessed.inc({ category: result.category, team });
      return result;
    } finally {
      metrics.processingSeconds.observe({ outcome }, (performance.now() - started) / 1000);
    }
  };
}

function processOne(deps: JobDeps): (job: Job<TicketJobData>) => Promise<JobResult> {
  const { store, team, scorer, payload, alert, log, bull, reserveForRetry } = deps;
  return async (job) => {
    // Every line of this attempt says which job, ticket and attempt it is about.
    const jobLog = log.child({ job: job.id, ticket: job.data.ticket_id, attempt: job.attemptsMade + 1 });
    const jobId = job.id!;
    let json = (await store.payload(jobId)) ?? legacyPayload(job.data);
    if (json === null) {
      // Stored by an earlier attempt that died before completing, or released. A stored
      // ticket's alert is enqueued again: a no-op if that attempt enqueued it already.
      const stored = await store.storedBy(job.data.ticket_id, jobId);
      if (stored) await alert(stored, jobLog);
      // Released when it failed for good, and retried since from bull-board, which moves the
      // job without claiming its ticket again: claimed here, with the content kept then.
      // Only a job whose content was kept when it failed is a retry; any other (a stalled
      // re-run of a released job) has nothing to claim, and must not touch the owner record.
      const kept = stored ? null : (await store.retryState([jobId], [job.data.ticket_id])).payloads[0];
      const refusal = stored
        ? 'stored'
        : kept == null
          ? 'payload_gone'
          : reserveForRetry && !(await reserveForRetry(job.data.ticket_id))
            ? 'claimed_elsewhere'
            : await store.retryFailed(job.data.ticket_id, jobId, bull, true);
      if (refusal === null) {
        jobLog.info('retried from the job board: ticket claimed again');
        json = await store.payload(jobId);
      }
      if (json === null) {
        jobLog.debug({ stored: Boolean(stored), refusal }, 'no payload left for this job');
        return { outcome: stored ? 'already_stored' : 'stale' };
      }
    }
    const parsed = payload.safeParse(JSON.parse(json));
    // A malformed payload will not get better on retry.
    if (!parsed.success) throw new UnrecoverableError(`invalid job payload: ${parsed.error.message}`);
    const { ticket, outcome } = await processTicket({ store, scorer, team }, { id: jobId, data: parsed.data });
    jobLog.debug({ outcome, urgency: ticket.urgency_score, category: ticket.category }, 'processed');
    if (outcome === 'stale') {
      jobLog.warn('ticket id no longer claimed by this job; not stored');
    } else {
      await alert(ticket, jobLog);
    }
    return { outcome, urgency_score: ticket.urgency_score, category: ticket.category };
  };
}
