/**
 * Activity events in stream order. Redis stream ids ("<ms>-<seq>") order them; these
 * helpers need nothing else of an event, so they serve any list of them.
 */

interface Ordered {
  /** Redis stream id "<ms>-<seq>". */
  id: string;
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
export function mergeEvents<E extends Ordered>(
  existing: readonly E[],
  incoming: readonly E[],
  max: number,
): { events: E[]; added: E[] } {
  const known = new Set(existing.map((e) => e.id));
  const added: E[] = [];
  for (const event of incoming) {
    if (known.has(event.id)) continue;
    known.add(event.id);
    added.push(event);
  }
  if (added.length === 0) return { events: existing as E[], added };
  added.sort((a, b) => compareIds(b.id, a.id));
  // Both lists are newest first: merge them in one pass.
  const events: E[] = [];
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

/** The time of an event in ms since the epoch: its ISO `ts`, else the stream id's ms part. */
export function eventTime(event: Ordered & { ts: string }): number {
  const t = Date.parse(event.ts);
  return Number.isNaN(t) ? parseId(event.id)[0] : t;
}
