import { randomUUID } from 'node:crypto';
import type { Claim, TicketStore } from '../store/ticket-store.js';
import type { AcceptedTicket, Submission, TicketInput } from '../ticket/ticket.js';
import { TRIAGE_JOB, type TicketQueue } from '../queue/ticket-queue.js';

/**
 * Accepts validated tickets: claims their ids (which records `ticket_accepted`) and
 * enqueues the new ones as BullMQ jobs. Shared by the REST shim and GraphQL.
 */
export class TicketIntake {
  constructor(
    private readonly queue: TicketQueue,
    private readonly store: TicketStore,
  ) {}

  /** Submits tickets in order; a batch is claimed in one atomic step. */
  async submit(inputs: TicketInput[]): Promise<Submission[]> {
    if (inputs.length === 0) return [];
    const tickets: AcceptedTicket[] = inputs.map((t) => ({ ...t, ticket_id: t.ticket_id ?? randomUUID() }));
    const claims = await this.store.claim(tickets.map((t) => t.ticket_id));
    const createdAt = new Date().toISOString();

    const fresh = claims.flatMap((claim, i) => (claim.duplicate ? [] : [{ claim, ticket: tickets[i]! }]));
    try {
      await this.queue.addBulk(
        fresh.map(({ claim, ticket }) => ({
          name: TRIAGE_JOB,
          data: { ticket, seq: claim.seq, created_at: createdAt },
          opts: { jobId: claim.jobId },
        })),
      );
    } catch (error) {
      // Nothing was accepted: free the ids so the client's retry is not a "duplicate".
      await Promise.allSettled(fresh.map(({ claim }) => this.store.release(claim.ticketId, claim.jobId)));
      throw error;
    }
    const resubmit = await this.healStaleClaims(claims, tickets, createdAt);
    const submissions = claims.map((c) => ({ ticket_id: c.ticketId, job_id: c.jobId, duplicate: c.duplicate }));
    if (resubmit.length === 0) return submissions;
    // Claims of jobs that failed for good were released: these tickets are new again.
    const again = await this.submit(resubmit.map((i) => tickets[i]!));
    resubmit.forEach((i, k) => (submissions[i] = again[k]!));
    return submissions;
  }

  /**
   * Repairs duplicates whose claim has nothing live behind it; returns the indexes of
   * tickets to submit again as new.
   *
   * - No job and no processed ticket: an earlier submitter died between claiming and
   *   enqueueing. Re-adding under the same job id is safe: BullMQ ignores an id it
   *   already has, so the ticket is processed once.
   * - A job that failed for good whose worker died before freeing the id: free it now.
   */
  private async healStaleClaims(claims: Claim[], tickets: AcceptedTicket[], createdAt: string): Promise<number[]> {
    const resubmit: number[] = [];
    for (const [i, claim] of claims.entries()) {
      if (!claim.duplicate || claim.stored) continue;
      const state = await this.queue.getJobState(claim.jobId);
      if (state === 'unknown') {
        // The seq is the numeric tail of the job id (see claim-tickets-4.lua).
        const seq = Number(claim.jobId.slice(claim.jobId.lastIndexOf('~') + 1));
        await this.queue.add(TRIAGE_JOB, { ticket: tickets[i]!, seq, created_at: createdAt }, { jobId: claim.jobId });
      } else if (state === 'failed' && (await this.store.release(claim.ticketId, claim.jobId))) {
        resubmit.push(i);
      }
    }
    return resubmit;
  }
}
