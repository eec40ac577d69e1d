import { ACTIVITY_TYPES, activityTicketId, parseActivityEvent, type ActivityEvent, type ActivityType } from '@iq/core/domain';

/**
 * An event of the shared contract (`@iq/core/domain`), as the GraphQL API sends it: with
 * the ticket it is about. Narrow on `type` to read `data`.
 */
export type KnownEvent = ActivityEvent & { known: true; ticketId: string | null };

/** A known event of one type. */
export type KnownEventOf<T extends ActivityType> = Extract<KnownEvent, { type: T }>;

/**
 * An event this build cannot read by the contract: a type it does not know (an API newer
 * or older than the dashboard), or data that does not match its type. It is listed as it
 * came, and nothing reads its data by the contract.
 */
export interface UnknownEvent {
  known: false;
  id: string;
  ts: string;
  type: string;
  ticketId: string | null;
  data: unknown;
}

/** An activity event as the dashboard holds it. */
export type FeedEvent = KnownEvent | UnknownEvent;

/** An event as `Subscription.activity` and `Query.activity` deliver it. */
export interface WireEvent {
  id: string;
  ts: string;
  type: string;
  ticketId?: string | null;
  data?: unknown;
}

export function isActivityType(type: string): type is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(type);
}

/**
 * Reads an event where it enters the dashboard. Whatever does not hold to the contract
 * becomes an `UnknownEvent` rather than being dropped or cast: the activity list still
 * shows it, and the type checker keeps everything else from trusting its data.
 */
export function readFeedEvent(wire: WireEvent): FeedEvent {
  const event = parseActivityEvent(wire);
  if (event) return { ...event, known: true, ticketId: wire.ticketId ?? activityTicketId(event) };
  const data = wire.data ?? null;
  const ticketInData = typeof data === 'object' && data !== null ? (data as { ticket_id?: unknown }).ticket_id : undefined;
  return {
    known: false,
    id: wire.id,
    ts: wire.ts,
    type: wire.type,
    ticketId: wire.ticketId ?? (typeof ticketInData === 'string' ? ticketInData : null),
    data,
  };
}
