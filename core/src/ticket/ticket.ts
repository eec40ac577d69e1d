import { z } from 'zod';
import type { TicketLimits } from './limits.js';

export const CATEGORIES = ['Billing', 'Technical', 'Legal', 'General'] as const;
export type Category = (typeof CATEGORIES)[number];

export const TICKET_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => v ?? undefined);

/** Schema of one submitted ticket (snake_case, as REST clients send it). */
export function ticketInputSchema(limits: TicketLimits) {
  return z.object({
    ticket_id: z
      .string()
      .min(1)
      .max(limits.ticketIdMaxLength)
      .regex(TICKET_ID_PATTERN, 'may contain only letters, digits, ".", "_", ":" and "-"')
      .nullish()
      .transform((v) => v ?? undefined),
    subject: z
      .string()
      .min(1, { abort: true })
      .max(limits.subjectMaxLength)
      .refine((s) => s.trim().length > 0, 'must not be blank'),
    body: z.string().max(limits.bodyMaxLength),
    customer_id: optionalText(256),
    channel: optionalText(64),
  });
}

export function ticketBatchSchema(limits: TicketLimits) {
  return z.array(ticketInputSchema(limits)).min(1).max(limits.batchMaxItems);
}

export type TicketInput = z.output<ReturnType<typeof ticketInputSchema>>;

/** A ticket with its id settled: what goes into a job. */
export type AcceptedTicket = TicketInput & { ticket_id: string };

/** A processed ticket, as stored in Redis and returned by REST. */
export interface ProcessedTicket {
  ticket_id: string;
  job_id: string;
  subject: string;
  body: string;
  customer_id: string | null;
  channel: string | null;
  category: Category;
  urgency_score: number;
  is_urgent: boolean;
  priority_score: number;
  model: string;
  created_at: string;
  processed_at: string;
}

/** The answer to one accepted submission. */
export interface Submission {
  ticket_id: string;
  job_id: string;
  duplicate: boolean;
}
