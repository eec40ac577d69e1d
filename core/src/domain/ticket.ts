import { z } from 'zod';
import type { TicketLimits } from './limits.js';
import { TEAM_NAME, TEAM_NAME_RULE } from './team-name.js';

export const CATEGORIES = ['Billing', 'Technical', 'Legal', 'General'] as const;
export type Category = (typeof CATEGORIES)[number];

/** C0 and C1 control characters (and DEL): the one thing a ticket id may not contain. */
const CONTROL_CHARACTER = /\p{Cc}/u;
/** With the `u` flag a surrogate pair is one code point, so this finds only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A ticket id is any string of 1 to `maxLength` characters without control characters,
 * as in the original service: spaces, `#`, `/`, `:`, `~` and non-ASCII are fine. Job ids
 * are derived from it in an URL-safe form (see claim-tickets-8.lua). Lone UTF-16
 * surrogates are refused: Redis stores UTF-8, where two such ids would become one.
 */
export const ticketIdSchema = (maxLength: number) =>
  z
    .string()
    .min(1)
    .max(maxLength)
    .refine((id) => !CONTROL_CHARACTER.test(id), 'must not contain control characters')
    .refine((id) => !LONE_SURROGATE.test(id), 'must be valid Unicode (no lone surrogates)');

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => v ?? undefined);

/**
 * Schema of one submitted ticket (snake_case, as REST clients send it). As in the
 * original, `subject` and `body` may be empty: an empty text scores S = 0.
 */
export function ticketInputSchema(limits: TicketLimits) {
  return z.object({
    ticket_id: ticketIdSchema(limits.ticketIdMaxLength)
      .nullish()
      .transform((v) => v ?? undefined),
    subject: z.string().max(limits.subjectMaxLength),
    body: z.string().max(limits.bodyMaxLength),
    customer_id: optionalText(256),
    channel: optionalText(64),
    /** The team queue to route to, overriding the category's (checked against TEAM_QUEUES at the intake). */
    team: z
      .string()
      .regex(TEAM_NAME, TEAM_NAME_RULE)
      .nullish()
      .transform((v) => v ?? undefined),
  });
}

/** A batch: up to `batchMaxItems` tickets; an empty batch is accepted and enqueues nothing. */
export function ticketBatchSchema(limits: TicketLimits) {
  return z.array(ticketInputSchema(limits)).max(limits.batchMaxItems);
}

/**
 * A text to score (`/urgency-score`, `Query.urgencyScore`): anything up to a whole ticket's
 * size; `""` is fine and scores 0, as in the original.
 */
export const urgencyTextSchema = (limits: TicketLimits) => z.string().max(limits.subjectMaxLength + limits.bodyMaxLength + 1);

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
  /** The team queue it waits in (routed by category unless the submission named one). */
  team: string;
  urgency_score: number;
  is_urgent: boolean;
  priority_score: number;
  model: string;
  /**
   * Why S is what it is, for agents: the tone and each cue that fired with its
   * contribution, e.g. `outage +1.9 · all users +1.1 · tone 0.31 · no rush −1.4`.
   * Empty for tickets processed before explanations existed.
   */
  urgency_explanation: string;
  /** An agent's correction of S, kept on the ticket; null when nobody corrected it. */
  urgency_override: UrgencyOverride | null;
  created_at: string;
  processed_at: string;
}

export interface UrgencyOverride {
  /** S before the correction (the scorer's, or an earlier override's). */
  previous_score: number;
  reason: string | null;
  overridden_at: string;
}

/** The answer to one accepted submission. */
export interface Submission {
  ticket_id: string;
  job_id: string;
  duplicate: boolean;
}
