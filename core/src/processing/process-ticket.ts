import type { Scorer } from '../scoring/scorer.js';
import { ticketText } from '../scoring/scorer.js';
import type { StoreOutcome, TicketStore } from '../store/ticket-store.js';
import type { AcceptedPayload } from '../jobs/triage-queue.js';
import type { ProcessedTicket } from '../domain/ticket.js';
import { categorize } from '../domain/category.js';
import { URGENT_THRESHOLD, priorityScore } from '../domain/priority.js';

/**
 * Triages one accepted ticket: category, urgency S, priority; then stores and indexes
 * it (which records `ticket_processed`). Running it again for the same job stores
 * nothing new.
 */
export async function processTicket(
  deps: { store: TicketStore; scorer: Scorer; team: string },
  job: { id: string; data: AcceptedPayload },
): Promise<{ ticket: ProcessedTicket; outcome: StoreOutcome }> {
  const { ticket: input, seq, created_at } = job.data;
  const text = ticketText(input);
  const [urgency] = await deps.scorer.score([text]);
  if (!urgency) throw new Error('scorer returned no result');
  const ticket: ProcessedTicket = {
    ticket_id: input.ticket_id,
    job_id: job.id,
    subject: input.subject,
    body: input.body,
    customer_id: input.customer_id ?? null,
    channel: input.channel ?? null,
    category: categorize(text),
    team: deps.team,
    urgency_score: urgency.score,
    is_urgent: urgency.score >= URGENT_THRESHOLD,
    priority_score: priorityScore(urgency.score),
    model: urgency.model,
    urgency_explanation: urgency.explanation ?? '',
    urgency_override: null,
    created_at,
    processed_at: new Date().toISOString(),
  };
  return { ticket, outcome: await deps.store.store(ticket, seq) };
}
