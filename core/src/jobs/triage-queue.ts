import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { AcceptedTicket } from '../domain/ticket.js';

/** BullMQ's name for the triage job queue; it stays 'tickets', the name deployed data already has. */
export const TRIAGE_QUEUE = 'tickets';
export const TRIAGE_JOB = 'triage';

/**
 * What a triage job carries: only the ticket id. Its content is the one stored with the
 * claim (see TicketStore.payload), so neither a duplicate nor a repair can swap it.
 */
export interface TicketJobData {
  ticket_id: string;
}

/** The content accepted with a claim, stored by the claim script. */
export interface AcceptedPayload {
  ticket: AcceptedTicket;
  /** Arrival sequence: breaks ties in S first-in, first-out. */
  seq: number;
  created_at: string;
}

/** Retries and retention of triage jobs. */
export interface JobPolicy {
  attempts: number;
  backoffMs: number;
  retentionSeconds: number;
  retentionCount: number;
}

export function jobOptions(policy: JobPolicy): JobsOptions {
  const keep = { age: policy.retentionSeconds, count: policy.retentionCount };
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    // Finished jobs stay findable through GET /jobs/{id} for the retention window.
    removeOnComplete: keep,
    removeOnFail: keep,
  };
}

export type TriageQueue = Queue<TicketJobData, unknown, typeof TRIAGE_JOB>;

export function createTriageQueue(connection: Redis, keys: Keys, policy: JobPolicy): TriageQueue {
  return new Queue<TicketJobData, unknown, typeof TRIAGE_JOB>(TRIAGE_QUEUE, {
    connection,
    prefix: keys.bullPrefix,
    defaultJobOptions: jobOptions(policy),
  });
}

/** Where BullMQ keeps one job's hash and the set of jobs that failed for good: what the claim scripts read. */
export const bullJobKeys = (queue: TriageQueue) => ({ job: (jobId: string) => queue.toKey(jobId), failed: queue.toKey('failed') });

/** The same, where there is no Queue object (a worker): BullMQ's keys are `<prefix>:<queue>:<id>`. */
export const triageJobKeys = (keys: Keys) => ({
  job: (jobId: string) => `${keys.bullPrefix}:${TRIAGE_QUEUE}:${jobId}`,
  failed: `${keys.bullPrefix}:${TRIAGE_QUEUE}:failed`,
});

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

/** BullMQ's many states, folded into the four of the API. */
function foldState(state: string): JobState | null {
  switch (state) {
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    case 'waiting':
    case 'prioritized':
    case 'delayed':
    case 'waiting-children':
      return 'waiting';
    default:
      return null;
  }
}

export interface JobStatus {
  job_id: string;
  ticket_id: string;
  state: JobState;
}

/** The state of a job, or null when BullMQ does not know it (never existed, or expired). */
export async function jobStatus(queue: TriageQueue, jobId: string): Promise<JobStatus | null> {
  const job = await queue.getJob(jobId);
  if (!job) return null;
  const state = foldState(await job.getState());
  return state && { job_id: jobId, ticket_id: job.data.ticket_id, state };
}
