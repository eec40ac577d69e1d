import { z } from 'zod';
import { ticketInputSchema, type TicketJobData, type TicketLimits } from '@iq/core';

/** Jobs are validated again on the way in: the queue is an edge too. */
export function jobPayloadSchema(limits: TicketLimits) {
  return z.object({
    ticket: ticketInputSchema(limits).extend({ ticket_id: z.string().min(1) }),
    seq: z.number().int().positive(),
    created_at: z.string(),
  }) satisfies z.ZodType<TicketJobData, unknown>;
}
