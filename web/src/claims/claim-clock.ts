import { useSyncExternalStore } from 'react';

/**
 * The time, once a second, for the claimed list's ticking times. One timer for the whole
 * list, running only while a time is shown; each time subscribes on its own, so a tick
 * re-renders the times and nothing else. It never triggers a request.
 */
export class SecondClock {
  private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly intervalMs = 1000) {}

  getSnapshot = (): number => this.now;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.timer === undefined) {
      this.now = Date.now();
      this.timer = setInterval(this.tick, this.intervalMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  };

  private tick = (): void => {
    this.now = Date.now();
    for (const listener of this.listeners) listener();
  };
}

export const useClock = (clock: SecondClock): number => useSyncExternalStore(clock.subscribe, clock.getSnapshot);

/** A ticking duration: 42s, 4m 05s, 1h 02m, 2d 4h. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** How long a claim has been held, at `now`. */
export function heldFor(claimedAt: string, now: number): string {
  const since = Date.parse(claimedAt);
  return Number.isNaN(since) ? '–' : formatDuration(now - since);
}

/** Under this, a lease is shown as about to run out. */
export const LEASE_ENDING_MS = 60_000;

export type LeaseState = 'ok' | 'ending' | 'expired' | 'unknown';

/** What is left of a lease at `now`: "4m 05s", or "expired" once it ran out (the reaper puts the ticket back shortly). */
export function leaseLeft(leaseExpiresAt: string, now: number): { text: string; state: LeaseState } {
  const until = Date.parse(leaseExpiresAt);
  if (Number.isNaN(until)) return { text: '–', state: 'unknown' };
  const left = until - now;
  if (left <= 0) return { text: 'expired', state: 'expired' };
  return { text: formatDuration(left), state: left < LEASE_ENDING_MS ? 'ending' : 'ok' };
}
