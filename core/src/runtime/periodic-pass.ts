import type { ConnectionStateLog } from '../redis/connection-state-log.js';
import type { Logger } from './logger.js';

export interface PeriodicPass {
  /** Stops the timer and waits for the pass in progress, if any. */
  stop(): Promise<void>;
}

export interface PeriodicPassOptions<T> {
  intervalMs: number;
  log: Logger;
  /** Where an unreachable Redis is reported: once per outage rather than once per pass. */
  redisState?: ConnectionStateLog | undefined;
  /** The log line of a failed pass (one that did not fail for want of Redis). */
  failure: string;
  /** What a finished pass did, for the log. */
  done?: (result: T) => void;
}

/**
 * Runs `pass` every `intervalMs`, one at a time (a slow pass is never overlapped by the
 * next), until stopped. The background duties of every worker (claim reconciler, lease
 * reaper, escalation) run this way, so each is safe to stop mid-way and quiet during an
 * outage. The timer does not keep the process alive.
 */
export function runPeriodically<T>(pass: () => Promise<T>, options: PeriodicPassOptions<T>): PeriodicPass {
  const { log, redisState } = options;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= pass()
      .then((result) => {
        redisState?.up();
        options.done?.(result);
      })
      .catch((error: unknown) => {
        if (!redisState?.report(error)) log.warn({ err: (error as Error).message }, options.failure);
      })
      .finally(() => (running = undefined));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
