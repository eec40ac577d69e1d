import { z } from 'zod';
import { ticketInputSchema, type AcceptedPayload, type TicketLimits } from '@iq/core';

/** The content stored with a claim is validated again on the way in: Redis is an edge too. */
export function jobPayloadSchema(limits: TicketLimits) {
  return z.object({
    ticket: ticketInputSchema(limits).extend({ ticket_id: z.string().min(1) }),
    seq: z.number().int().positive(),
    created_at: z.string(),
  }) satisfies z.ZodType<AcceptedPayload, unknown>;
}
