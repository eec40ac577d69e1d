import { alertTicket, runPeriodically, type ConnectionStateLog, type Escalations, type Logger, type PeriodicPass } from '@iq/core';
import type { EnqueueAlert } from './alert.js';

export interface EscalationOptions {
  escalations: Pick<Escalations, 'take' | 'record'>;
  enqueue: EnqueueAlert;
  /** This worker's WEBHOOK_MIN_URGENCY: a ticket corrected below it is not escalated. */
  minUrgency: number;
  /** Most tickets taken per step; a pass takes steps until fewer are due (at most `maxSteps`). */
  batch?: number;
  maxSteps?: number;
  /** How long a taken ticket is this worker's to escalate before another may take it. */
  leaseMs?: number;
  now?: () => number;
}

/**
 * One pass: takes the urgent tickets due for escalation that nobody popped or claimed,
 * enqueues one `escalation` delivery each, then records `ticket_escalated` (removing the
 * entry). A worker that dies between the two leaves the entry leased; once the lease runs
 * out, a worker takes it again and enqueues again — the same delivery id, so BullMQ adds
 * nothing — and records it. Returns the ticket ids escalated by this pass.
 */
export async function escalateDue(options: EscalationOptions): Promise<string[]> {
  const { escalations, enqueue, minUrgency, batch = 100, maxSteps = 10, leaseMs = 30_000, now = Date.now } = options;
  const escalated: string[] = [];
  let failure: unknown;
  for (let step = 0; step < maxSteps; step++) {
    const at = now();
    const leaseUntil = at + leaseMs;
    const tickets = await escalations.take(at, batch, minUrgency, leaseUntil);
    // One ticket's failure (thrown below) must not hold up the others.
    const outcomes = await Promise.allSettled(
      tickets.map(async (ticket) => {
        const processedAt = Date.parse(ticket.processed_at);
        const waited = Number.isNaN(processedAt) ? 0 : Math.max(0, Math.round((at - processedAt) / 1000));
        await enqueue({ kind: 'escalation', ticket: alertTicket(ticket), waited_seconds: waited });
        if (await escalations.record(ticket, leaseUntil, waited)) escalated.push(ticket.ticket_id);
      }),
    );
    failure ??= outcomes.find((o) => o.status === 'rejected')?.reason;
    if (tickets.length < batch) break;
  }
  if (failure !== undefined) throw failure;
  return escalated;
}

/**
 * Runs a pass every `intervalMs` (one at a time) until stopped; a failed pass is logged,
 * unless Redis could not be reached: that goes to `redisState`, once per outage.
 */
export function startEscalationLoop(
  options: EscalationOptions,
  intervalMs: number,
  log: Logger,
  redisState?: ConnectionStateLog,
): PeriodicPass {
  return runPeriodically(() => escalateDue(options), {
    intervalMs,
    log,
    redisState,
    failure: 'escalation pass failed',
    done: (escalated) => {
      if (escalated.length > 0) log.info({ tickets: escalated }, 'escalated urgent tickets nobody took');
    },
  });
}
