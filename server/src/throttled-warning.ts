import type { Logger } from '@iq/core';

/**
 * A warning logged at most once per `intervalMs` for each key, with how many were
 * suppressed since the last line: the same problem repeating (a bad publisher emitting
 * every second) must not flood the log, and a new kind of problem still shows at once.
 * Callers keep the keys few: each one is remembered for the process's life.
 */
export function throttledWarning(
  log: Pick<Logger, 'warn'>,
  message: string,
  intervalMs = 60_000,
  now: () => number = Date.now,
): (key: string, fields?: Record<string, unknown>) => void {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (key, fields = {}) => {
    const at = now();
    const previous = last.get(key);
    if (previous && at - previous.at < intervalMs) {
      previous.suppressed += 1;
      return;
    }
    log.warn({ ...fields, suppressed: previous?.suppressed ?? 0 }, message);
    last.set(key, { at, suppressed: 0 });
  };
}
