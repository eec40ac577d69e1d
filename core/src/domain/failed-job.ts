import { ConflictError, NotFoundError } from './errors.js';

/** A triage job that failed for good, as the API lists it. */
export interface FailedJob {
  job_id: string;
  ticket_id: string;
  /** The ticket's subject, from the content kept for a retry; null once that is gone. */
  subject: string | null;
  /** Why its last attempt failed (BullMQ's failedReason). */
  error: string;
  attempts_made: number;
  failed_at: string | null;
  /** Its content is kept and its ticket id is free: a retry would claim it again. */
  retryable: boolean;
}

/** What BullMQ knows of a failed job, as `failedJob` reads it. */
export interface FailedJobFacts {
  id: string;
  ticketId: string;
  failedReason: string | undefined;
  attemptsMade: number;
  /** When it failed (ms), if BullMQ recorded it. */
  finishedOn: number | undefined;
}

/** The subject of kept content (JSON of an accepted payload), or null when it cannot be read. */
function subjectOf(payload: string | null): string | null {
  if (payload === null) return null;
  try {
    const subject: unknown = (JSON.parse(payload) as { ticket?: { subject?: unknown } }).ticket?.subject;
    return typeof subject === 'string' ? subject : null;
  } catch {
    return null;
  }
}

/**
 * A failed job as listed, from BullMQ's record of it, the content kept for its retry
 * (null: none) and the job id that holds its ticket id now (null: none). A ticket id held
 * by any job — a newer submission, or this one before its release — cannot be retried.
 */
export function failedJob(facts: FailedJobFacts, keptPayload: string | null, claimedBy: string | null): FailedJob {
  return {
    job_id: facts.id,
    ticket_id: facts.ticketId,
    subject: subjectOf(keptPayload),
    error: facts.failedReason ?? '',
    attempts_made: facts.attemptsMade,
    failed_at: facts.finishedOn === undefined ? null : new Date(facts.finishedOn).toISOString(),
    retryable: keptPayload !== null && claimedBy === null,
  };
}

/** Why a retry was refused (retry-failed-job-9.lua's outcomes), in words programs can rely on. */
export type RetryRefusal = 'unknown' | 'not_failed' | 'in_progress' | 'claimed_again' | 'payload_gone';

/**
 * The error a refused retry answers with: a job that is not there or did not fail is not
 * found (404); one whose state says no is a conflict (409) with a `reason`.
 */
export function retryRefused(refusal: RetryRefusal, jobId: string, ticketId: string | null): NotFoundError | ConflictError {
  switch (refusal) {
    case 'unknown':
      return new NotFoundError(`No job ${jobId} (it never existed, or its retention expired)`);
    case 'not_failed':
      return new NotFoundError(`Job ${jobId} did not fail: only a job that failed for good can be retried`);
    case 'in_progress':
      return new ConflictError(`Job ${jobId} holds the claim on ticket ${ticketId} already: it is being retried or processed`, refusal);
    case 'claimed_again':
      return new ConflictError(
        `Ticket ${ticketId} was submitted again since job ${jobId} failed, and the newer submission holds its id: not retried`,
        refusal,
      );
    case 'payload_gone':
      return new ConflictError(
        `The content of job ${jobId} is no longer kept (past its retention, or ticket ${ticketId} was submitted again since): submit it again if it still needs handling`,
        refusal,
      );
  }
}
