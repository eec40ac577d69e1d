/**
 * The activity event types of API.md. Dependency-free on purpose: the dashboard imports
 * it as `@iq/core/activity-types` without pulling Redis clients into the browser bundle.
 */
export const ACTIVITY_TYPES = [
  'ticket_accepted',
  'ticket_processed',
  'ticket_popped',
  'queue_cleared',
  'webhook_sent',
  'webhook_failed',
  'ticket_failed',
  'ticket_abandoned',
  'urgency_overridden',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
