import { failedJob, retryRefused, type FailedJob } from '../domain/failed-job.js';
import type { TicketStore } from '../store/ticket-store.js';
import { bullJobKeys, type JobStatus, type TriageQueue } from './triage-queue.js';

/** One page of failed jobs, with how many there are in all. */
export interface FailedJobsPage {
  total: number;
  jobs: FailedJob[];
}

/**
 * The triage jobs that failed for good, newest first, a page at a time: BullMQ's failed
 * set, with what a retry needs to know from ours (is the content kept, is the id free).
 * A read made of a few round trips, not a snapshot: a job retried in between may show
 * once more, and a retry of it then answers 409.
 */
export async function listFailedJobs(queue: TriageQueue, store: TicketStore, offset: number, limit: number): Promise<FailedJobsPage> {
  const [total, jobs] = await Promise.all([queue.getFailedCount(), queue.getFailed(offset, offset + limit - 1)]);
  const ticketIds = jobs.map((job) => job.data.ticket_id ?? '');
  const { payloads, claims } = await store.retryState(
    jobs.map((job) => job.id!),
    ticketIds,
  );
  return {
    total,
    jobs: jobs.map((job, i) =>
      failedJob(
        { id: job.id!, ticketId: ticketIds[i]!, failedReason: job.failedReason, attemptsMade: job.attemptsMade, finishedOn: job.finishedOn },
        payloads[i] ?? null,
        claims[i] ?? null,
      ),
    ),
  };
}

/**
 * Retries a triage job that failed for good, so that its ticket is processed after all:
 * first its ticket id is claimed again with the content kept when it failed (one Lua
 * step, which refuses with a NotFoundError or ConflictError when it cannot be done, see
 * TicketStore.retryFailed), then BullMQ moves the job back to waiting with its attempts
 * reset. In that order, a worker never runs the job before its content is back.
 *
 * If moving the job fails, the claim reconciler's step is run on it at once: it releases
 * the claim again only if the job is still in BullMQ's failed set (it may have moved all
 * the same: a client-side timeout, or bull-board retrying it in between, and then a
 * worker is processing it); if this process dies in between, the reconciler does the
 * same after its grace period.
 */
export async function retryFailedJob(queue: TriageQueue, store: TicketStore, jobId: string): Promise<JobStatus> {
  const job = await queue.getJob(jobId);
  if (!job) throw retryRefused('unknown', jobId, null);
  const ticketId = job.data.ticket_id ?? '';
  const refusal = await store.retryFailed(ticketId, jobId, bullJobKeys(queue));
  if (refusal) throw retryRefused(refusal, jobId, ticketId);
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    // Best effort: when Redis is gone this fails too, and the reconciler does it later.
    await store.reconcile(jobId, { graceMs: 0, recheckMs: 0 }, bullJobKeys(queue)).catch(() => undefined);
    throw error;
  }
  return { job_id: jobId, ticket_id: ticketId, state: 'waiting' };
}
