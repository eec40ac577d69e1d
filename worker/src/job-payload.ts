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

export type JobPayloadSchema = ReturnType<typeof jobPayloadSchema>;

/*
 * Jobs enqueued before claims stored their content carry the content itself, so a queue
 * is not lost by upgrading under it. Everything that reads a job's data goes through the
 * two functions below, so that old shape is known in one place.
 */

/** A job enqueued before claims stored their content. */
interface LegacyJobData {
  ticket?: { ticket_id?: string };
}

/** The content of a job from before the upgrade (JSON, as the claim would store it), or null. */
export const legacyPayload = (data: unknown): string | null =>
  data !== null && typeof data === 'object' && 'ticket' in data ? JSON.stringify(data) : null;

/** The ticket id a job is for, in either shape; undefined when the data names none. */
export function jobTicketId(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const id = (data as { ticket_id?: unknown }).ticket_id ?? (data as LegacyJobData).ticket?.ticket_id;
  return typeof id === 'string' ? id : undefined;
}
