import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger, Metrics, TicketStore } from '@iq/core';
import { jobTicketId } from './job-payload.js';

/** The part of a failed job the policy reads (a BullMQ Job has all of it). */
export type FailedJob = Pick<Job, 'id' | 'data' | 'attemptsMade' | 'opts'>;

/** Whether BullMQ will not retry this job: its error says so, or it has used its attempts. */
export const isFinalFailure = (job: FailedJob, error: Error): boolean =>
  error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);

/**
 * The failure policy, for the Worker's 'failed' event: every failure is logged; a ticket
 * that failed for good frees its id (unless it was stored, which the release script
 * checks), recording `ticket_failed`, so the client can submit it again; its content is
 * kept, so an admin can retry the job instead (POST /jobs/{id}/retry). If this worker
 * dies before the release, the claim reconciler does it.
 */
export function onJobFailed(deps: {
  /** The team queue whose Worker fails the jobs, and its store. */
  team: string;
  store: Pick<TicketStore, 'release'>;
  /** Forgets the ticket id's owner record once its claim is released (ClaimOwners.forget); unset: nothing to forget. */
  forget?: (ticketId: string, jobId: string) => Promise<void>;
  log: Logger;
  /** `iq_tickets_failed_total{team}`, counted once per job that failed for good. */
  metrics?: Pick<Metrics, 'ticketsFailed'>;
}): (job: FailedJob | undefined, error: Error) => void {
  const { team, store, forget, log, metrics } = deps;
  return (job, error) => {
    // BullMQ passes no job when the failure is not tied to one it could load.
    if (!job) return;
    const final = isFinalFailure(job, error);
    log.warn({ job: job.id, ticket: jobTicketId(job.data), attempt: job.attemptsMade, final, err: error }, 'job failed');
    if (!final) return;
    metrics?.ticketsFailed.inc({ team });
    const ticketId = jobTicketId(job.data);
    if (ticketId === undefined) return;
    // An event listener cannot be awaited: the outcome is logged, never thrown.
    store
      .release(ticketId, job.id!, 'ticket_failed', error.message)
      .then((released) => (released ? forget?.(ticketId, job.id!) : undefined))
      .catch((e: unknown) => log.error({ err: e }, 'could not record ticket_failed'));
  };
}
