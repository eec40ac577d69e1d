import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { TriageQueue } from '../jobs/triage-queue.js';
import type { QueueSnapshot, TeamQueueSnapshot } from './metrics.js';

const SEQ_SPACE = 2 ** 39;
/** Entries of the processed index read per round trip while looking for the oldest ticket. */
const SCAN_CHUNK = 1_000;

/** A team queue as the gauges read it (a TeamWithQueue of TeamJobs, or a worker's served team). */
export interface SnapshotTeam {
  name: string;
  keys: Keys;
  queue: TriageQueue;
}

/**
 * The queue gauges' reading of every team in `teams`, for one scrape, each team's keys
 * read on their own (one hash tag per call, as a Redis Cluster asks). A team whose read
 * fails (its shard away, say) is left out, and told to `onError`; the others are shown.
 */
export async function readTeamQueueSnapshots(
  redis: Redis,
  teams: readonly SnapshotTeam[],
  onError?: (error: unknown, team: string) => void,
  now: () => number = Date.now,
): Promise<TeamQueueSnapshot[]> {
  const read = await Promise.allSettled(teams.map((t) => readQueueSnapshot(redis, t.keys, t.queue, now)));
  return read.flatMap((r, i) => {
    const team = teams[i]!.name;
    if (r.status === 'fulfilled') return [{ team, snapshot: r.value }];
    onError?.(r.reason, team);
    return [];
  });
}

/**
 * The queue gauges' reading of one team queue, for one scrape: the processed queue's
 * size, the age of its oldest ticket, and BullMQ's triage job counts.
 *
 * "Oldest" is the earliest submission (smallest arrival sequence) among the tickets
 * waiting to be popped, and its age counts from its `created_at` (submission), so it
 * includes the time the ticket waited for a worker: what the customer has waited. The
 * index is ordered by S first, so the oldest can be anywhere in it: it is read in chunks
 * of 1,000 (the arrival sequence is the low part of each score, see queueScore), which
 * never blocks Redis for long, at one round trip per 1,000 queued tickets per scrape.
 */
export async function readQueueSnapshot(redis: Redis, keys: Keys, queue: TriageQueue, now: () => number = Date.now): Promise<QueueSnapshot> {
  const [size, counts, oldest] = await Promise.all([
    redis.zcard(keys.processedIndex),
    queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'),
    oldestQueuedTicket(redis, keys),
  ]);
  const createdAt = oldest === undefined ? undefined : await createdAtOf(redis, keys, oldest);
  return {
    size,
    oldestAgeSeconds: createdAt === undefined ? 0 : Math.max(0, (now() - createdAt) / 1000),
    jobs: {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    },
  };
}

/** The id of the queued ticket with the smallest arrival sequence, if any. */
async function oldestQueuedTicket(redis: Redis, keys: Keys): Promise<string | undefined> {
  let best: { id: string; seq: number } | undefined;
  for (let start = 0; ; start += SCAN_CHUNK) {
    const flat = await redis.zrange(keys.processedIndex, String(start), String(start + SCAN_CHUNK - 1), 'WITHSCORES');
    for (let i = 0; i < flat.length; i += 2) {
      const seq = SEQ_SPACE - 1 - (Number(flat[i + 1]) % SEQ_SPACE);
      if (best === undefined || seq < best.seq) best = { id: flat[i]!, seq };
    }
    if (flat.length < SCAN_CHUNK * 2) return best?.id;
  }
}

async function createdAtOf(redis: Redis, keys: Keys, ticketId: string): Promise<number | undefined> {
  const json = await redis.hget(keys.processedTickets, ticketId);
  // Popped between the two reads: the next scrape sees the new oldest.
  if (json === null) return undefined;
  const createdAt = Date.parse((JSON.parse(json) as { created_at?: string }).created_at ?? '');
  return Number.isNaN(createdAt) ? undefined : createdAt;
}
