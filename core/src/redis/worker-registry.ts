import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';
import type { ScorerInfo } from '../scoring/scorer.js';

export interface WorkerInfo {
  id: string;
  pid: number;
  host: string;
  scorer: ScorerInfo;
  /** S above which this worker alerts the webhook; null when it has no webhook. */
  webhook_min_urgency?: number | null;
  /** The team queues it takes jobs from (WORKER_TEAMS). */
  teams?: string[];
  started_at: string;
}

/** Records that a worker is alive (and what it scores with). */
export async function sendHeartbeat(redis: Redis, keys: Keys, info: WorkerInfo, nowMs = Date.now()): Promise<void> {
  await redis
    .multi()
    .zadd(keys.workers, nowMs, info.id)
    .hset(keys.workerInfo, info.id, JSON.stringify(info))
    .exec();
}

export async function removeWorker(redis: Redis, keys: Keys, id: string): Promise<void> {
  await redis.multi().zrem(keys.workers, id).hdel(keys.workerInfo, id).exec();
}

/** Workers whose last heartbeat is newer than `staleMs`; forgets older ones. */
export async function liveWorkers(
  redis: Redis,
  keys: Keys,
  staleMs: number,
  nowMs = Date.now(),
): Promise<(WorkerInfo & { last_seen: string })[]> {
  const cutoff = nowMs - staleMs;
  const stale = await redis.zrangebyscore(keys.workers, '-inf', `(${cutoff}`);
  if (stale.length > 0) {
    await redis.multi().zremrangebyscore(keys.workers, '-inf', `(${cutoff}`).hdel(keys.workerInfo, ...stale).exec();
  }
  const live = await redis.zrangebyscore(keys.workers, cutoff, '+inf', 'WITHSCORES');
  if (live.length === 0) return [];
  const ids = live.filter((_, i) => i % 2 === 0);
  const infos = await redis.hmget(keys.workerInfo, ...ids);
  return ids.flatMap((id, i) => {
    const json = infos[i];
    if (!json) return [];
    return [{ ...(JSON.parse(json) as WorkerInfo), last_seen: new Date(Number(live[i * 2 + 1])).toISOString() }];
  });
}
