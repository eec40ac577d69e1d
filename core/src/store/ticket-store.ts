import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';
import type { ProcessedTicket } from '../ticket/ticket.js';
import { queueScore } from '../triage/priority.js';

/** The outcome of claiming one ticket id for a submission. */
export interface Claim {
  ticketId: string;
  jobId: string;
  duplicate: boolean;
  /** Arrival sequence (new claims only). */
  seq: number;
  /** A duplicate whose ticket is already in the processed queue. */
  stored: boolean;
}

export type StoreOutcome = 'stored' | 'already_stored' | 'stale';

/**
 * The processed queue and the claims on ticket ids. Every operation that touches
 * ticket data is one Lua script, so nothing is read between a pop and its delete.
 */
export class TicketStore {
  private readonly run: RunScript;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly activityMaxlen: number,
  ) {
    this.run = scriptRunner(redis);
  }

  /**
   * Claims ticket ids atomically (a whole batch at once) and records `ticket_accepted`
   * for the new ones; see claim-tickets-4.lua.
   */
  async claim(ticketIds: string[]): Promise<Claim[]> {
    const k = this.keys;
    const flat = (await this.run('claimTickets', [k.claims, k.tickets, k.seq, k.activity], [
      ...this.eventArgs(),
      ...ticketIds,
    ])) as (string | number)[];
    return ticketIds.map((ticketId, i) => ({
      ticketId,
      jobId: String(flat[i * 4]),
      duplicate: Number(flat[i * 4 + 1]) === 1,
      seq: Number(flat[i * 4 + 2]),
      stored: Number(flat[i * 4 + 3]) === 1,
    }));
  }

  /** Frees a ticket id if `jobId` still holds it. */
  async release(ticketId: string, jobId: string): Promise<boolean> {
    return (await this.run('releaseClaim', [this.keys.claims], [ticketId, jobId])) === 1;
  }

  /** Stores and indexes a processed ticket and records `ticket_processed`. */
  async store(ticket: ProcessedTicket, seq: number): Promise<StoreOutcome> {
    const k = this.keys;
    const event = {
      ticket_id: ticket.ticket_id,
      job_id: ticket.job_id,
      urgency_score: ticket.urgency_score,
      category: ticket.category,
      is_urgent: ticket.is_urgent,
      priority_score: ticket.priority_score,
      model: ticket.model,
    };
    const result = await this.run(
      'storeTicket',
      [k.processed, k.tickets, k.claims, k.activity],
      [
        ticket.ticket_id,
        ticket.job_id,
        queueScore(ticket.urgency_score, seq),
        JSON.stringify(ticket),
        k.activityChannel,
        this.activityMaxlen,
        new Date().toISOString(),
        JSON.stringify(event),
      ],
    );
    return result === 1 ? 'stored' : result === 0 ? 'already_stored' : 'stale';
  }

  /** Removes and returns the most urgent ticket; each ticket is handed out once. */
  async popNext(): Promise<ProcessedTicket | null> {
    const k = this.keys;
    const json = await this.run('popNext', [k.processed, k.tickets, k.claims, k.activity], this.eventArgs());
    return json == null ? null : (JSON.parse(json as string) as ProcessedTicket);
  }

  async peek(): Promise<ProcessedTicket | null> {
    const json = await this.run('peekNext', [this.keys.processed, this.keys.tickets], []);
    return json == null ? null : (JSON.parse(json as string) as ProcessedTicket);
  }

  /** One page in pop order, with the size of the whole queue. */
  async page(offset: number, limit: number): Promise<{ size: number; tickets: ProcessedTicket[] }> {
    const [size, ...rows] = (await this.run('listPage', [this.keys.processed, this.keys.tickets], [offset, limit])) as [
      number,
      ...string[],
    ];
    return { size, tickets: rows.map((r) => JSON.parse(r) as ProcessedTicket) };
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.keys.processed);
  }

  /** Empties the processed queue and returns how many tickets it held. */
  async clear(): Promise<number> {
    const k = this.keys;
    return (await this.run('clearQueue', [k.processed, k.tickets, k.claims, k.activity], this.eventArgs())) as number;
  }

  private eventArgs(): (string | number)[] {
    return [this.keys.activityChannel, this.activityMaxlen, new Date().toISOString()];
  }
}
