import type { Logger } from '../runtime/logger.js';
import type { ConnectionStateLog } from '../redis/connection-state-log.js';
import { runPeriodically, type PeriodicPass } from '../runtime/periodic-pass.js';
import { REAP_BATCH, type TicketLeases } from './ticket-leases.js';

export interface LeaseReaperOptions {
  /** Most leases one step expires (one Lua call). */
  batch?: number;
  /** Most steps per pass, so one pass never runs for long; the next pass goes on. */
  maxSteps?: number;
}

/**
 * Puts tickets whose lease ran out back in the processed queue, at exactly their place,
 * with `claim_expired`. Every step is one Lua script (reap-leases-6.lua) that decides and
 * acts at once, so every worker may run a reaper: a lease is expired once, by whoever
 * comes first (a reaper, or an ack, release or extend of the claim past its deadline).
 */
export class LeaseReaper {
  private readonly batch: number;
  private readonly maxSteps: number;

  constructor(
    private readonly leases: TicketLeases,
    opts: LeaseReaperOptions = {},
  ) {
    this.batch = opts.batch ?? REAP_BATCH;
    this.maxSteps = opts.maxSteps ?? 10;
  }

  /** One pass: steps until no lease is due (or maxSteps); returns the ticket ids put back. */
  async reap(now = Date.now()): Promise<string[]> {
    const reaped: string[] = [];
    for (let step = 0; step < this.maxSteps; step++) {
      const ids = await this.leases.reapExpired(now, this.batch);
      reaped.push(...ids);
      if (ids.length < this.batch) break;
    }
    return reaped;
  }

  /**
   * Runs a pass every `intervalMs` (one at a time) until stopped; a failed pass is logged,
   * unless Redis could not be reached: that goes to `redisState`, which says so once per
   * outage instead of once per pass.
   */
  start(intervalMs: number, log: Logger, redisState?: ConnectionStateLog): PeriodicPass {
    return runPeriodically(() => this.reap(), {
      intervalMs,
      log,
      redisState,
      failure: 'lease reaper pass failed',
      done: (reaped) => {
        if (reaped.length > 0) log.info({ tickets: reaped }, 'leases ran out: tickets back in the queue');
      },
    });
  }
}
