import { categoryLabel, formatScore } from '../format';
import { compareIds } from '../live/event-list';
import type { FeedEvent, KnownEventOf } from '../live/feed-event';

export interface Submitted {
  ticketId: string;
  jobId: string;
  duplicate: boolean;
  /** For a duplicate, the job's state when it was submitted (its events may predate the page). */
  knownState?: 'COMPLETED' | 'FAILED' | 'WAITING' | 'ACTIVE' | 'UNKNOWN';
}

export type Status =
  | { kind: 'waiting' }
  | { kind: 'processed'; score?: number; category?: string; popped: boolean; removed?: boolean }
  | { kind: 'failed'; error?: string };

export interface EventIndex {
  processed: Map<string, KnownEventOf<'ticket_processed'>>;
  failed: Map<string, KnownEventOf<'ticket_failed'>>;
  /** ticket id → newest ticket_popped event. */
  popped: Map<string, KnownEventOf<'ticket_popped'>>;
  /** ticket id → newest ticket_removed event (an agent took it out of the queue unhandled). */
  removed: Map<string, KnownEventOf<'ticket_removed'>>;
}

/**
 * Indexes events by job id (processed, failed) and ticket id (popped). Only events read
 * by the contract count: a job id from data that does not hold to it could be anything.
 */
export function indexEvents(events: readonly FeedEvent[]): EventIndex {
  const index: EventIndex = { processed: new Map(), failed: new Map(), popped: new Map(), removed: new Map() };
  // Newest first: keep the first seen.
  for (const event of events) {
    if (!event.known) continue;
    switch (event.type) {
      case 'ticket_popped':
        if (!index.popped.has(event.data.ticket_id)) index.popped.set(event.data.ticket_id, event);
        break;
      case 'ticket_removed':
        if (!index.removed.has(event.data.ticket_id)) index.removed.set(event.data.ticket_id, event);
        break;
      case 'ticket_processed':
        if (!index.processed.has(event.data.job_id)) index.processed.set(event.data.job_id, event);
        break;
      case 'ticket_failed':
        if (!index.failed.has(event.data.job_id)) index.failed.set(event.data.job_id, event);
        break;
    }
  }
  return index;
}

/**
 * The status of a submitted ticket, from the events of its job: job ids are unique per
 * submission (a re-submitted ticket id gets a new one), so old events never leak in.
 */
export function statusOf(sub: Submitted, index: EventIndex): Status {
  const processed = index.processed.get(sub.jobId);
  if (processed) {
    const popped = index.popped.get(sub.ticketId);
    const removed = index.removed.get(sub.ticketId);
    return {
      kind: 'processed',
      score: processed.data.urgency_score,
      category: processed.data.category,
      popped: popped !== undefined && compareIds(popped.id, processed.id) > 0,
      removed: removed !== undefined && compareIds(removed.id, processed.id) > 0,
    };
  }
  const failed = index.failed.get(sub.jobId);
  if (failed) return { kind: 'failed', error: failed.data.error };
  if (sub.knownState === 'COMPLETED') return { kind: 'processed', popped: false };
  if (sub.knownState === 'FAILED') return { kind: 'failed' };
  return { kind: 'waiting' };
}

export function statusText(status: Status): string {
  switch (status.kind) {
    case 'waiting':
      return 'waiting';
    case 'failed':
      return status.error ? `failed: ${status.error}` : 'failed';
    case 'processed': {
      const parts = ['processed'];
      if (status.score !== undefined) parts.push(`S ${formatScore(status.score)}`);
      if (status.category) parts.push(categoryLabel(status.category));
      if (status.popped) parts.push('popped');
      if (status.removed) parts.push('removed');
      return parts.join(' · ');
    }
  }
}
