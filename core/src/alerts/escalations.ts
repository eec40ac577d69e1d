import type { Redis } from 'ioredis';
import { eventArgs, eventData } from '../activity/activity.js';
import type { ProcessedTicket } from '../domain/ticket.js';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';

/**
 * Urgent tickets nobody took: each urgent ticket stored is due for escalation
 * ESCALATE_AFTER_SECONDS after it was processed (the `escalations` sorted set, ticket id →
 * due ms). When due, a ticket still in the processed queue — not popped, not claimed —
 * and still above the threshold is escalated once: one more notification and
 * `ticket_escalated`. Any number of workers may run the passes (take-escalations-3.lua
 * leases what it hands out; record-escalation-2.lua records it once).
 */
export class Escalations {
  private readonly run: RunScript;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly activityMaxlen: number,
  ) {
    this.run = scriptRunner(redis);
  }

  /**
   * Makes `ticket` due `afterMs` after it was processed. The due time follows from the
   * ticket, so a triage job that runs again schedules the same time, and a new urgent
   * submission of a popped ticket id replaces its old entry.
   */
  async schedule(ticket: Pick<ProcessedTicket, 'ticket_id' | 'processed_at'>, afterMs: number): Promise<void> {
    const processedAt = Date.parse(ticket.processed_at);
    await this.redis.zadd(this.keys.escalations, (Number.isNaN(processedAt) ? Date.now() : processedAt) + afterMs, ticket.ticket_id);
  }

  /**
   * Takes up to `limit` tickets due by `nowMs` that are still queued and above
   * `minUrgency`, leased to the caller until `leaseUntilMs`; drops the other due entries.
   */
  async take(nowMs: number, limit: number, minUrgency: number, leaseUntilMs: number): Promise<ProcessedTicket[]> {
    const k = this.keys;
    const rows = await this.run('takeEscalations', [k.escalations, k.processedIndex, k.processedTickets], [nowMs, limit, minUrgency, leaseUntilMs]);
    return rows.map((json) => JSON.parse(json) as ProcessedTicket);
  }

  /**
   * Records the escalation of a ticket taken with `leaseUntilMs` (after its notification
   * was enqueued): removes its entry and records `ticket_escalated`. False when it is not
   * this caller's to record (the lease ran out and another worker took it).
   */
  async record(ticket: ProcessedTicket, leaseUntilMs: number, waitedSeconds: number): Promise<boolean> {
    const k = this.keys;
    const data = eventData('ticket_escalated', {
      ticket_id: ticket.ticket_id,
      job_id: ticket.job_id,
      urgency_score: ticket.urgency_score,
      waited_seconds: waitedSeconds,
    });
    return (
      (await this.run('recordEscalation', [k.escalations, k.activity], [...eventArgs(k, this.activityMaxlen), ticket.ticket_id, leaseUntilMs, data])) === 1
    );
  }
}
