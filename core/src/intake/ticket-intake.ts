import { randomUUID } from 'node:crypto';
import type { TicketStore } from '../store/ticket-store.js';
import type { AcceptedTicket, Submission, TicketInput } from '../domain/ticket.js';
import { TRIAGE_JOB, type TriageQueue } from '../jobs/triage-queue.js';

/**
 * Accepts validated tickets: claims their ids (which stores their content and records
 * `ticket_accepted`) and enqueues the new ones as BullMQ jobs that carry only the ticket
 * id. Shared by the REST shim and GraphQL.
 *
 * A duplicate never touches the claim it found: whatever state that claim is in, the
 * content processed is the one stored with it. A claim whose API died (or whose enqueue
 * failed) before enqueueing is the reconciler's to repair (see ClaimReconciler).
 */
export class TicketIntake {
  constructor(
    private readonly queue: TriageQueue,
    private readonly store: TicketStore,
    /** Told how many new (not duplicate) tickets each submission accepted: the metrics' hook. */
    private readonly onAccepted?: (count: number) => void,
  ) {}

  /** Submits tickets in order; a batch is claimed in one atomic step. */
  async submit(inputs: TicketInput[]): Promise<Submission[]> {
    if (inputs.length === 0) return [];
    const tickets: AcceptedTicket[] = inputs.map((t) => ({ ...t, ticket_id: t.ticket_id ?? randomUUID() }));
    const claims = await this.store.claim(tickets);
    const fresh = claims.filter((claim) => !claim.duplicate);
    // If this fails, the claims stay: another instance may already have told a duplicate
    // `duplicate: true` for one of them, and the reconciler enqueues them from their stored
    // content. A retry of the failed request is then a duplicate of its own first attempt.
    if (fresh.length === 1) {
      // One ticket (the common case) goes through `add`: `addBulk` builds an ioredis
      // MULTI, which copies every BullMQ script command onto it, a cost per request
      // that the profile showed above the enqueue itself.
      await this.queue.add(TRIAGE_JOB, { ticket_id: fresh[0]!.ticketId }, { jobId: fresh[0]!.jobId });
    } else if (fresh.length > 1) {
      await this.queue.addBulk(fresh.map((c) => ({ name: TRIAGE_JOB, data: { ticket_id: c.ticketId }, opts: { jobId: c.jobId } })));
    }
    if (fresh.length > 0) this.onAccepted?.(fresh.length);
    return claims.map((c) => ({ ticket_id: c.ticketId, job_id: c.jobId, duplicate: c.duplicate }));
  }
}
