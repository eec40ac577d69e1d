import { categoryLabel, formatScore } from '../format';
import type { FeedEvent, KnownEvent } from '../live/feed-event';

/** A short, plain-text description of an event's data. */
export function eventDetail(event: FeedEvent): string {
  return (event.known ? knownDetail(event) : unknownDetail(event.data)).join(' · ');
}

const score = (s: number) => `S ${formatScore(s)}`;
const agent = (name: string | null) => (name === null ? [] : [`by ${name}`]);
const clock = (iso: string) => new Date(iso).toLocaleTimeString();

// No default: a new type in the contract fails to compile here until it is described.
function knownDetail(event: KnownEvent): string[] {
  switch (event.type) {
    case 'ticket_accepted':
      return [];
    case 'ticket_processed':
      return [score(event.data.urgency_score), categoryLabel(event.data.category)];
    case 'ticket_popped':
      return [score(event.data.urgency_score), ...(event.data.picked ? ['picked by id'] : [])];
    case 'ticket_removed':
      return [score(event.data.urgency_score)];
    case 'queue_cleared':
      return [`cleared ${event.data.cleared}`];
    case 'webhook_sent':
      return [score(event.data.urgency_score), `HTTP ${event.data.status}`];
    case 'webhook_failed': {
      const { urgency_score, status, error } = event.data;
      return [score(urgency_score), ...(status === undefined ? [] : [`HTTP ${status}`]), error];
    }
    case 'ticket_failed':
    case 'ticket_abandoned':
      return [event.data.error];
    case 'ticket_retried':
      return [`job ${event.data.job_id}`];
    case 'urgency_overridden': {
      const { old_score, new_score, reason } = event.data;
      return [`S ${formatScore(old_score)} → ${formatScore(new_score)}`, ...(reason === null ? [] : [reason])];
    }
    case 'ticket_claimed':
      return [score(event.data.urgency_score), ...agent(event.data.agent)];
    case 'lease_extended':
      return [...agent(event.data.agent), `until ${clock(event.data.lease_expires_at)}`];
    case 'ticket_acked':
    case 'ticket_released':
    case 'claim_expired':
      return agent(event.data.agent);
    case 'ticket_escalated':
      return [score(event.data.urgency_score), `waited ${Math.round(event.data.waited_seconds)} s`];
  }
}

/**
 * An event this build cannot read by the contract still says what it can: the fields
 * the known events use, wherever they appear and whatever the type.
 */
function unknownDetail(data: unknown): string[] {
  const field = (key: string): string | number | undefined => {
    if (data === null || typeof data !== 'object') return undefined;
    const value = (data as Record<string, unknown>)[key];
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
  };
  const parts: string[] = [];
  const urgency = field('urgency_score');
  if (typeof urgency === 'number') parts.push(score(urgency));
  const oldScore = field('old_score');
  const newScore = field('new_score');
  if (typeof oldScore === 'number' && typeof newScore === 'number') parts.push(`S ${formatScore(oldScore)} → ${formatScore(newScore)}`);
  const category = field('category');
  if (typeof category === 'string') parts.push(categoryLabel(category));
  const cleared = field('cleared');
  if (cleared !== undefined) parts.push(`cleared ${cleared}`);
  const status = field('status');
  if (status !== undefined) parts.push(`HTTP ${status}`);
  const error = field('error');
  if (error !== undefined) parts.push(String(error));
  const reason = field('reason');
  if (typeof reason === 'string') parts.push(reason);
  return parts;
}
