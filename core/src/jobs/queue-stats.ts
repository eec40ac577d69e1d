import type { TicketStore } from '../store/ticket-store.js';
import type { TriageQueue } from './triage-queue.js';

export interface QueueStats {
  /** Processed tickets ready to pop. */
  size: number;
  waiting: number;
  active: number;
  failed: number;
}

export async function queueStats(queue: TriageQueue, store: TicketStore): Promise<QueueStats> {
  const [size, counts] = await Promise.all([
    store.size(),
    queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed'),
  ]);
  return {
    size,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
    active: counts.active ?? 0,
    failed: counts.failed ?? 0,
  };
}
