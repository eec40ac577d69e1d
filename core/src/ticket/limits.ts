import type { SharedEnv } from '../config/env.js';

/** Input limits of API.md; every one is configurable through the environment. */
export interface TicketLimits {
  ticketIdMaxLength: number;
  subjectMaxLength: number;
  bodyMaxLength: number;
  batchMaxItems: number;
}

export const limitsFromEnv = (env: SharedEnv): TicketLimits => ({
  ticketIdMaxLength: env.TICKET_ID_MAX_LENGTH,
  subjectMaxLength: env.SUBJECT_MAX_LENGTH,
  bodyMaxLength: env.BODY_MAX_LENGTH,
  batchMaxItems: env.BATCH_MAX_ITEMS,
});
