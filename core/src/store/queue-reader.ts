import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';
import type { ProcessedTicket } from '../domain/ticket.js';
import { QUEUE_SEQ_SPACE, URGENT_THRESHOLD, queueScoreAbove, queueScoreAtLeast } from '../domain/priority.js';
import { URGENCY_BINS, searchNeedle, type QueueView } from '../domain/queue-view.js';

export interface QueuePage {
  /** Every ticket in the queue. */
  size: number;
  /** The tickets the view's filter matches (the size when there is none). */
  matching: number;
  tickets: ProcessedTicket[];
}

export interface QueuedTicket {
  ticket: ProcessedTicket;
  /** Place in line: 1 is popped next. */
  position: number;
}

/** The queue's shape by S, counted in Redis however long the queue is. */
export interface QueueSummary {
  size: number;
  /** Tickets per tenth of S: [0, 0.1), …, [0.9, 1]. */
  bins: number[];
  /** S ≥ the urgent threshold. */
  urgent: number;
  /** S above the asked threshold (the webhook's); null when none was asked. */
  high: number | null;
}

/**
 * Reads the processed queue as agents look at it: filtered, sorted, paged, one ticket
 * with its place in line, and counts by S. Scores are compared to the queue's four
 * decimals of S (see domain/priority.ts).
 */
export class QueueReader {
  private readonly run: RunScript;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.run = scriptRunner(redis);
  }

  async list(view: QueueView): Promise<QueuePage> {
    const k = this.keys;
    const [size, matching, ...rows] = await this.run(
      'listQueue',
      [k.processedIndex, k.processedTickets],
      [view.offset, view.limit, view.category ?? '', searchNeedle(view.search), view.sort, QUEUE_SEQ_SPACE],
    );
    return { size, matching, tickets: rows.map((r) => JSON.parse(r) as ProcessedTicket) };
  }

  /** One queued ticket and its place in line; null when it is not in the queue. */
  async find(ticketId: string): Promise<QueuedTicket | null> {
    const found = await this.run('readQueued', [this.keys.processedIndex, this.keys.processedTickets], [ticketId]);
    return found && { ticket: JSON.parse(found[0]) as ProcessedTicket, position: Number(found[1]) + 1 };
  }

  async summary(highAbove: number | null, urgentAt = URGENT_THRESHOLD): Promise<QueueSummary> {
    const ranges: string[] = [];
    for (let i = 0; i < URGENCY_BINS; i++) {
      const last = i === URGENCY_BINS - 1;
      ranges.push(String(queueScoreAtLeast(i / URGENCY_BINS)), last ? '+inf' : `(${queueScoreAtLeast((i + 1) / URGENCY_BINS)}`);
    }
    ranges.push(String(queueScoreAtLeast(urgentAt)), '+inf');
    if (highAbove !== null) ranges.push(String(queueScoreAbove(highAbove)), '+inf');
    const [size, ...counts] = await this.run('countByScore', [this.keys.processedIndex], ranges);
    return {
      size: size!,
      bins: counts.slice(0, URGENCY_BINS),
      urgent: counts[URGENCY_BINS]!,
      high: highAbove === null ? null : counts[URGENCY_BINS + 1]!,
    };
  }
}
