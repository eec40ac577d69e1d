import type { SharedEnv } from './runtime/env.js';
import type { TicketLimits } from './domain/limits.js';
import type { JobPolicy } from './jobs/triage-queue.js';

/**
 * The one place the parsed environment becomes domain options: everything below this
 * module takes typed options, never the environment.
 */
export const limitsFromEnv = (env: SharedEnv): TicketLimits => ({
  ticketIdMaxLength: env.TICKET_ID_MAX_LENGTH,
  subjectMaxLength: env.SUBJECT_MAX_LENGTH,
  bodyMaxLength: env.BODY_MAX_LENGTH,
  batchMaxItems: env.BATCH_MAX_ITEMS,
});

export const jobPolicyFromEnv = (env: SharedEnv): JobPolicy => ({
  attempts: env.JOB_ATTEMPTS,
  backoffMs: env.JOB_BACKOFF_MS,
  retentionSeconds: env.JOB_RETENTION_SECONDS,
  retentionCount: env.JOB_RETENTION_COUNT,
});
