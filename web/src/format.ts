import { useEffect, useState } from 'react';

/** "BILLING" or "Billing" → "Billing". */
export function categoryLabel(category: string): string {
  return category ? category.charAt(0).toUpperCase() + category.slice(1).toLowerCase() : '';
}

/** S with two decimals, as everywhere in the dashboard. */
export const formatScore = (s: number): string => s.toFixed(2);

/** A compact age: 42s, 5m, 3h 12m, 2d 4h. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** HH:MM:SS in local time. */
// One formatter for every call: toLocaleTimeString with options builds a new one each
// time, which was a fifth of the dashboard's main thread during a burst of events.
const CLOCK = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function formatClock(ms: number): string {
  return CLOCK.format(ms);
}

/**
 * The current time, refreshed every `intervalMs` — only to re-render relative labels
 * (ages, per-minute windows). It never triggers a request.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

