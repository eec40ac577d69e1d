import { z } from 'zod';
import { CATEGORIES } from './ticket.js';

/**
 * The activity events of API.md: one schema per type, and the TypeScript types derived
 * from them, so the Lua scripts' output, the pub/sub edge and the dashboard share one
 * contract. Adding an event type starts here: the type checker then points at every
 * place that must handle it.
 *
 * Data objects are `loose`: a reader keeps fields it does not know, so a newer writer
 * can add one without breaking an older reader.
 */
const ticketRef = { ticket_id: z.string(), job_id: z.string() };
const webhookRef = { ...ticketRef, urgency_score: z.number() };
const leaseRef = { ticket_id: z.string(), claim_id: z.string(), agent: z.string().nullable() };

export const ACTIVITY_DATA_SCHEMAS = {
  ticket_accepted: z.looseObject(ticketRef),
  ticket_processed: z.looseObject({
    ...ticketRef,
    urgency_score: z.number(),
    category: z.enum(CATEGORIES),
    is_urgent: z.boolean(),
    priority_score: z.number(),
    model: z.string(),
  }),
  /** `picked`: an agent took this ticket by its id, not the most urgent one. */
  ticket_popped: z.looseObject({ ticket_id: z.string(), urgency_score: z.number(), picked: z.boolean().optional() }),
  /** An agent removed a queued ticket without handling it; its id is free again. */
  ticket_removed: z.looseObject({ ticket_id: z.string(), urgency_score: z.number() }),
  queue_cleared: z.looseObject({ cleared: z.number() }),
  webhook_sent: z.looseObject({ ...webhookRef, status: z.number() }),
  webhook_failed: z.looseObject({ ...webhookRef, error: z.string(), status: z.number().optional() }),
  ticket_failed: z.looseObject({ ...ticketRef, error: z.string() }),
  ticket_abandoned: z.looseObject({ ...ticketRef, error: z.string() }),
  /** A job that failed for good was retried: its ticket id is claimed again by the same job. */
  ticket_retried: z.looseObject(ticketRef),
  urgency_overridden: z.looseObject({
    ticket_id: z.string(),
    old_score: z.number(),
    new_score: z.number(),
    reason: z.string().nullable(),
  }),
  // Leased claims: an agent takes the most urgent ticket for a while, then acks or releases it.
  ticket_claimed: z.looseObject({ ...leaseRef, urgency_score: z.number(), lease_expires_at: z.string() }),
  lease_extended: z.looseObject({ ...leaseRef, lease_expires_at: z.string() }),
  ticket_acked: z.looseObject(leaseRef),
  ticket_released: z.looseObject(leaseRef),
  /** The lease ran out: the ticket is back in the queue at its place. */
  claim_expired: z.looseObject(leaseRef),
  /** An urgent ticket nobody took within ESCALATE_AFTER_SECONDS: one more notification. */
  ticket_escalated: z.looseObject({ ...ticketRef, urgency_score: z.number(), waited_seconds: z.number() }),
} as const;

export type ActivityEventMap = { [T in keyof typeof ACTIVITY_DATA_SCHEMAS]: z.infer<(typeof ACTIVITY_DATA_SCHEMAS)[T]> };
export type ActivityType = keyof ActivityEventMap;
export const ACTIVITY_TYPES = Object.keys(ACTIVITY_DATA_SCHEMAS) as ActivityType[];

/** One event as the stream and the channel carry it; `data`'s shape follows `type`. */
export type ActivityEvent = {
  [T in ActivityType]: {
    /** Redis stream id: orders events and lets a client ask for what it missed. */
    id: string;
    ts: string;
    type: T;
    data: ActivityEventMap[T];
  };
}[ActivityType];

/** The events that change the processed queue's content or order. */
export const QUEUE_CHANGING_EVENTS: ReadonlySet<ActivityType> = new Set<ActivityType>([
  'ticket_processed',
  'ticket_popped',
  'ticket_removed',
  'queue_cleared',
  'urgency_overridden',
  'ticket_claimed',
  'ticket_released',
  'claim_expired',
]);

/** The events that change the set of claimed tickets. */
export const CLAIM_CHANGING_EVENTS: ReadonlySet<ActivityType> = new Set<ActivityType>([
  'ticket_claimed',
  'lease_extended',
  'ticket_acked',
  'ticket_released',
  'claim_expired',
]);

/** The events that change the list of failed jobs (or whether one can be retried). */
export const FAILED_JOBS_CHANGING_EVENTS: ReadonlySet<ActivityType> = new Set<ActivityType>(['ticket_failed', 'ticket_retried']);

const envelopeSchema = z.object({ id: z.string(), ts: z.string(), type: z.enum(ACTIVITY_TYPES), data: z.unknown() });

/**
 * Checks an event read from Redis (a pub/sub message or a stream entry) against the
 * contract; null when it does not hold, so an edge can log and skip it rather than hand
 * a malformed event to clients.
 */
export function parseActivityEvent(value: unknown): ActivityEvent | null {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) return null;
  const data = ACTIVITY_DATA_SCHEMAS[envelope.data.type].safeParse(envelope.data.data);
  return data.success ? ({ ...envelope.data, data: data.data } as ActivityEvent) : null;
}

/** The ticket an event is about, when it is about one. */
export function activityTicketId(event: ActivityEvent): string | null {
  const id: unknown = (event.data as { ticket_id?: unknown }).ticket_id;
  return typeof id === 'string' ? id : null;
}
