export { ACTIVITY_TYPES } from '@iq/core/domain';

export interface ActivityEvent {
  /** Redis stream id "<ms>-<seq>": orders events. */
  id: string;
  ts: string;
  type: string;
  ticketId: string | null;
  data: unknown;
}

function parseId(id: string): [number, number] {
  const dash = id.indexOf('-');
  if (dash < 0) return [Number(id) || 0, 0];
  return [Number(id.slice(0, dash)) || 0, Number(id.slice(dash + 1)) || 0];
}

/** Compares Redis stream ids: negative when `a` is older than `b`. */
export function compareIds(a: string, b: string): number {
  const [am, as] = parseId(a);
  const [bm, bs] = parseId(b);
  return am !== bm ? am - bm : as - bs;
}

/**
 * Merges `incoming` into `existing` (newest first), dropping ids already present and
 * keeping at most `max` of the newest. Returns the merged list and the events that
 * were new, so a caller can react to them once.
 */
export function mergeEvents(
  existing: readonly ActivityEvent[],
  incoming: readonly ActivityEvent[],
  max: number,
): { events: ActivityEvent[]; added: ActivityEvent[] } {
  const known = new Set(existing.map((e) => e.id));
  const added: ActivityEvent[] = [];
  for (const event of incoming) {
    if (known.has(event.id)) continue;
    known.add(event.id);
    added.push(event);
  }
  if (added.length === 0) return { events: existing as ActivityEvent[], added };
  added.sort((a, b) => compareIds(b.id, a.id));
  // Both lists are newest first: merge them in one pass.
  const events: ActivityEvent[] = [];
  let i = 0;
  let j = 0;
  while (events.length < max && (i < existing.length || j < added.length)) {
    const a = existing[i];
    const b = added[j];
    if (b === undefined || (a !== undefined && compareIds(a.id, b.id) > 0)) {
      events.push(a!);
      i++;
    } else {
      events.push(b);
      j++;
    }
  }
  // Events older than the `max` newest were not kept: they are not news either.
  return { events, added: added.slice(0, j) };
}

/** A field of an event's `data`, when it is a string or number. */
export function dataField(event: Pick<ActivityEvent, 'data'>, key: string): string | number | undefined {
  const data = event.data;
  if (data === null || typeof data !== 'object') return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** The time of an event in ms since the epoch: its ISO `ts`, else the stream id's ms part. */
export function eventTime(event: Pick<ActivityEvent, 'id' | 'ts'>): number {
  const t = Date.parse(event.ts);
  return Number.isNaN(t) ? parseId(event.id)[0] : t;
}
