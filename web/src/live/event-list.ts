/**
 * Activity events in stream order. Their ids order them: "<ms>-<seq>" (the Redis stream
 * id) for a deployment-wide event, "<ms>-<seq>-<team>" for one of a team's events (each
 * team has its own stream, so two teams can give the same "<ms>-<seq>"). These helpers
 * need nothing else of an event, so they serve any list of them.
 */

interface Ordered {
  /** "<ms>-<seq>", or "<ms>-<seq>-<team>" for a team's event. */
  id: string;
}

interface ParsedId {
  ms: number;
  seq: number;
  /** The team whose stream the event is from; null for a deployment-wide event. */
  team: string | null;
}

/** Splits an event id; a team name may itself hold '-', so the team is everything after the second one. */
function parseId(id: string): ParsedId {
  const first = id.indexOf('-');
  if (first < 0) return { ms: Number(id) || 0, seq: 0, team: null };
  const second = id.indexOf('-', first + 1);
  const seq = second < 0 ? id.slice(first + 1) : id.slice(first + 1, second);
  return {
    ms: Number(id.slice(0, first)) || 0,
    seq: Number(seq) || 0,
    team: second < 0 || second === id.length - 1 ? null : id.slice(second + 1),
  };
}

/** The team whose stream an event id is from ("<ms>-<seq>-<team>"); null for a deployment-wide event. */
export function eventTeam(id: string): string | null {
  return parseId(id).team;
}

/**
 * Compares event ids: negative when `a` is older than `b`. By the time (ms), then the
 * sequence, numerically; ids equal in both (two teams' streams, or a team's and the
 * deployment's) are ordered by the whole id, so events that are not the same one never
 * compare equal and every list sorts the same way.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseId(a);
  const pb = parseId(b);
  if (pa.ms !== pb.ms) return pa.ms - pb.ms;
  if (pa.seq !== pb.seq) return pa.seq - pb.seq;
  return a < b ? -1 : 1;
}

/**
 * Merges `incoming` into `existing` (newest first), dropping ids already present (the
 * whole id: the same "<ms>-<seq>" of two teams is two events) and
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

/** The time of an event in ms since the epoch: its ISO `ts`, else the id's ms part. */
export function eventTime(event: Ordered & { ts: string }): number {
  const t = Date.parse(event.ts);
  return Number.isNaN(t) ? parseId(event.id).ms : t;
}
