import type { Logger } from '../runtime/logger.js';
import type { ConnectionStateLog } from '../redis/connection-state-log.js';
import { runPeriodically, type PeriodicPass } from '../runtime/periodic-pass.js';
import { TRIAGE_JOB, bullJobKeys, type TriageQueue } from '../jobs/triage-queue.js';
import type { TicketStore } from '../store/ticket-store.js';

export interface ReconcilerOptions {
  /** A claim younger than this is left alone: its API may still be enqueueing it. */
  graceMs: number;
  /** Most claims looked at per pass. */
  batch: number;
  /**
   * A claim whose job exists is looked at again only after this long (default six
   * grace periods), so a large backlog of waiting jobs costs few checks per pass.
   */
  recheckMs?: number;
}

/**
 * Repairs claims that nothing will finish: a claim whose API died between claiming and
 * enqueueing gets its job (from the content stored with the claim), and a job that failed
 * for good while its worker died (or a retry whose API died before moving the job) gets
 * its id released with `ticket_failed`, its content kept for a retry. Every
 * decision is one Lua step (reconcile-claim-7.lua), so any number of workers may run it.
 */
export class ClaimReconciler {
  constructor(
    private readonly queue: TriageQueue,
    private readonly store: TicketStore,
    private readonly opts: ReconcilerOptions,
  ) {}

  /** One pass; returns the job ids it enqueued again. */
  async reconcile(): Promise<string[]> {
    const bull = bullJobKeys(this.queue);
    const timing = { graceMs: this.opts.graceMs, recheckMs: this.opts.recheckMs ?? 6 * this.opts.graceMs };
    const due = await this.store.duePending(this.opts.graceMs, this.opts.batch);
    // One claim's failure (reported below) must not hold up the others.
    const decisions = await Promise.allSettled(due.map(async (jobId) => ({ jobId, ticketId: await this.store.reconcile(jobId, timing, bull) })));
    const failure = decisions.find((d) => d.status === 'rejected');
    const orphans = decisions.flatMap((d) => (d.status === 'fulfilled' && d.value.ticketId !== null ? [d.value as { jobId: string; ticketId: string }] : []));
    // BullMQ ignores a job id it already has, so a late enqueue by the API is harmless.
    await this.queue.addBulk(orphans.map((o) => ({ name: TRIAGE_JOB, data: { ticket_id: o.ticketId }, opts: { jobId: o.jobId } })));
    if (failure) throw failure.reason;
    return orphans.map((o) => o.jobId);
  }

  /**
   * Runs a pass every `intervalMs` (one at a time) until stopped; a failed pass is logged,
   * unless Redis could not be reached: that goes to `redisState`, which says so once per
   * outage instead of once per pass.
   */
  start(intervalMs: number, log: Logger, redisState?: ConnectionStateLog): PeriodicPass {
    return runPeriodically(() => this.reconcile(), {
      intervalMs,
      log,
      redisState,
      failure: 'reconciler pass failed',
      done: (enqueued) => {
        if (enqueued.length > 0) log.warn({ jobs: enqueued }, 'reconciler enqueued claims their API never enqueued');
      },
    });
  }
}
