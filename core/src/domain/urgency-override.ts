import { z } from 'zod';
import { URGENT_THRESHOLD, priorityScore, queueScore } from './priority.js';
import type { Category, ProcessedTicket } from './ticket.js';
import { floatSchema } from './validation.js';

export const OVERRIDE_REASON_MAX_LENGTH = 500;
/** The training note of a correction given without a reason. */
export const DEFAULT_OVERRIDE_NOTE = 'agent override';

/** An agent's correction of a queued ticket's S (snake_case, as REST clients send it). */
export const urgencyOverrideInputSchema = z.object({
  urgency_score: floatSchema(0, 1),
  reason: z
    .string()
    .max(OVERRIDE_REASON_MAX_LENGTH)
    .nullish()
    // A blank reason says nothing; the ticket and the training note treat it as none.
    .transform((v) => (v?.trim() ? v : null)),
});

export type UrgencyOverrideInput = z.output<typeof urgencyOverrideInputSchema>;

/** One line of a training set, in the format of the labelled evaluation set (eval/). */
export interface TrainingExample {
  id: string;
  subject: string;
  body: string;
  urgent: boolean;
  category: Category;
  note: string;
}

/** What is kept of a correction after its ticket is popped: the example and the S behind its label. */
export interface OverrideRecord extends TrainingExample {
  urgency_score: number;
  overridden_at: string;
}

/** The corrected ticket, its re-ranked queue score and what to keep for training. */
export interface AppliedOverride {
  ticket: ProcessedTicket;
  queueScore: number;
  record: OverrideRecord;
  event: { ticket_id: string; old_score: number; new_score: number; reason: string | null };
}

/**
 * The arrival number of a job: what follows the last '~' of its id (see
 * claim-tickets-8.lua). It keeps a re-ranked ticket behind earlier arrivals of equal S.
 */
export function arrivalSeq(jobId: string): number {
  const seq = Number(jobId.slice(jobId.lastIndexOf('~') + 1));
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`job id ${jobId} carries no arrival number`);
  return seq;
}

const SCORER_PART = ' · scorer: ';

/**
 * The explanation must explain the S the ticket now has: the agent's correction first, then
 * what the scorer said (kept once, however often the ticket is corrected).
 */
function overriddenExplanation(ticket: ProcessedTicket, score: number, reason: string | null): string {
  const current = ticket.urgency_explanation ?? '';
  const marker = current.indexOf(SCORER_PART);
  const scorer = ticket.urgency_override ? (marker === -1 ? '' : current.slice(marker + SCORER_PART.length)) : current;
  const agent = `set by an agent${reason ? ` (${reason})` : ''}: ${ticket.urgency_score.toFixed(2)} → ${score.toFixed(2)}`;
  return scorer ? `${agent}${SCORER_PART}${scorer}` : agent;
}

/**
 * Applies a correction to a ticket as stored: S and everything derived from it change
 * exactly as if the scorer had said S; the previous S (the scorer's, or an earlier
 * correction's) is kept on the ticket.
 */
export function applyUrgencyOverride(ticket: ProcessedTicket, input: UrgencyOverrideInput, at: string): AppliedOverride {
  const score = input.urgency_score;
  const urgent = score >= URGENT_THRESHOLD;
  return {
    ticket: {
      ...ticket,
      urgency_score: score,
      is_urgent: urgent,
      priority_score: priorityScore(score),
      urgency_explanation: overriddenExplanation(ticket, score, input.reason),
      urgency_override: { previous_score: ticket.urgency_score, reason: input.reason, overridden_at: at },
    },
    queueScore: queueScore(score, arrivalSeq(ticket.job_id)),
    record: {
      id: ticket.ticket_id,
      subject: ticket.subject,
      body: ticket.body,
      urgent,
      category: ticket.category,
      note: input.reason ?? DEFAULT_OVERRIDE_NOTE,
      urgency_score: score,
      overridden_at: at,
    },
    event: { ticket_id: ticket.ticket_id, old_score: ticket.urgency_score, new_score: score, reason: input.reason },
  };
}

/** The training line of a kept correction: the evaluation set's fields, nothing else. */
export function trainingExample(record: OverrideRecord): TrainingExample {
  const { id, subject, body, urgent, category, note } = record;
  return { id, subject, body, urgent, category, note };
}
