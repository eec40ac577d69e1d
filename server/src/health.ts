import { liveWorkers, type ScorerInfo } from '@iq/core';
import type { Services } from './services.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  redis: 'ok' | 'unreachable';
  /** The scorer this API uses for /urgency-score. */
  model: string;
  scorer: ScorerInfo;
  workers: {
    live: number;
    last_heartbeat: string | null;
    /** What the live workers score tickets with. */
    models: string[];
  };
}

const PING_TIMEOUT_MS = 1_000;

export async function redisAnswers(services: Services): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
  try {
    return await Promise.race([services.redis.ping().then((r) => r === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Redis reachability, the scorer in use and the workers seen recently. */
export async function checkHealth(services: Services): Promise<HealthReport> {
  const redisOk = await redisAnswers(services);
  const workers = redisOk ? await liveWorkers(services.redis, services.keys, services.config.WORKER_STALE_MS).catch(() => []) : [];
  const last = workers.map((w) => w.last_seen).sort().at(-1) ?? null;
  return {
    status: redisOk ? 'ok' : 'degraded',
    redis: redisOk ? 'ok' : 'unreachable',
    model: services.scorer.info.model,
    scorer: services.scorer.info,
    workers: { live: workers.length, last_heartbeat: last, models: [...new Set(workers.map((w) => w.scorer.model))] },
  };
}
