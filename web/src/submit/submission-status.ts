import { compareIds, dataField, type ActivityEvent } from '../activity/events';
import { categoryLabel, formatScore } from '../format';

export interface Submitted {
  ticketId: string;
  jobId: string;
  duplicate: boolean;
  /** For a duplicate, the job's state when it was submitted (its events may predate the page). */
  knownState?: 'COMPLETED' | 'FAILED' | 'WAITING' | 'ACTIVE' | 'UNKNOWN';
}

export type Status =
  | { kind: 'waiting' }
  | { kind: 'processed'; score?: number; category?: string; popped: boolean }
  | { kind: 'failed'; error?: string };

export interface EventIndex {
  processed: Map<string, ActivityEvent>;
  failed: Map<string, ActivityEvent>;
  /** ticket id → newest ticket_popped event. */
  popped: Map<string, ActivityEvent>;
}

/** Indexes events by job id (processed, failed) and ticket id (popped). */
export function indexEvents(events: readonly ActivityEvent[]): EventIndex {
  const index: EventIndex = { processed: new Map(), failed: new Map(), popped: new Map() };
  // Newest first: keep the first seen.
  for (const event of events) {
    if (event.type === 'ticket_popped') {
      const ticketId = event.ticketId ?? String(dataField(event, 'ticket_id') ?? '');
      if (ticketId && !index.popped.has(ticketId)) index.popped.set(ticketId, event);
      continue;
    }
    const map = event.type === 'ticket_processed' ? index.processed : event.type === 'ticket_failed' ? index.failed : null;
    const jobId = dataField(event, 'job_id');
    if (map && typeof jobId === 'string' && !map.has(jobId)) map.set(jobId, event);
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
    const score = dataField(processed, 'urgency_score');
    const category = dataField(processed, 'category');
    return {
      kind: 'processed',
      score: typeof score === 'number' ? score : undefined,
      category: typeof category === 'string' ? category : undefined,
      popped: popped !== undefined && compareIds(popped.id, processed.id) > 0,
    };
  }
  const failed = index.failed.get(sub.jobId);
  if (failed) {
    const error = dataField(failed, 'error');
    return { kind: 'failed', error: typeof error === 'string' ? error : undefined };
  }
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
      return parts.join(' · ');
    }
  }
}
