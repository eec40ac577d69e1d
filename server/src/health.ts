import path from 'node:path';
import type { Redis } from 'ioredis';
import { URGENT_THRESHOLD, liveWorkers, type ScorerInfo } from '@iq/core';
import type { Services } from './services.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  redis: 'ok' | 'unreachable';
  /** The scorer this API uses for /urgency-score. */
  model: string;
  /** As the scorer reports itself, minus any file path (callers need not know the disk layout). */
  scorer: ScorerInfo;
  workers: {
    live: number;
    last_heartbeat: string | null;
    /** What the live workers score tickets with. */
    models: string[];
    /** Live workers per team queue (TEAM_QUEUES order); a worker without WORKER_TEAMS serves every team. */
    teams: { team: string; live: number }[];
    /** Team queues no live worker takes jobs from: their tickets wait. */
    unserved: string[];
  };
  /**
   * Where S turns urgent, and where the live workers alert their webhook (the lowest, if
   * they differ; null when none has a webhook), so the dashboard's badges say what happens.
   */
  thresholds: { urgent: number; webhook: number | null };
}

const PING_TIMEOUT_MS = 1_000;
/** The PING timeout is counted in steps this long, so a step that fires late can be told apart. */
const STEP_MS = 100;

/**
 * Resolves once the event loop has had `ms` of time to run. A wall-clock timer would also
 * count a synchronous block of this process (an expensive query): after it, the timer
 * callback runs before the poll phase reads a PONG that arrived long ago, and a healthy
 * Redis looks dead. A step that fires late is credited only about its due length.
 */
function afterLoopTime(ms: number): { elapsed: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    let credited = 0;
    let last = performance.now();
    const step = () => {
      const now = performance.now();
      credited += Math.min(now - last, STEP_MS * 1.5);
      last = now;
      if (credited >= ms) resolve();
      else timer = setTimeout(step, STEP_MS);
    };
    timer = setTimeout(step, STEP_MS);
  });
  return { elapsed, cancel: () => clearTimeout(timer) };
}

async function pingWithin(redis: Redis, ms: number): Promise<boolean> {
  const deadline = afterLoopTime(ms);
  try {
    return await Promise.race([
      redis.ping().then(
        (reply) => reply === 'PONG',
        () => false,
      ),
      deadline.elapsed.then(() => false),
    ]);
  } finally {
    deadline.cancel();
  }
}

/** One PING in flight per connection, whoever asks: a burst of health checks costs Redis one command. */
const inFlight = new WeakMap<Redis, Promise<boolean>>();

/**
 * Whether Redis answers. ioredis knows when the connection is down (closed, reconnecting):
 * that is answered at once, without a command to queue. A connection it believes ready
 * must still answer a PING, which catches a Redis that hangs with its socket open.
 */
export function redisAnswers(services: Services): Promise<boolean> {
  const { redis } = services;
  if (redis.status !== 'ready') return Promise.resolve(false);
  let probe = inFlight.get(redis);
  if (!probe) {
    probe = pingWithin(redis, PING_TIMEOUT_MS).finally(() => inFlight.delete(redis));
    inFlight.set(redis, probe);
  }
  return probe;
}

const PATH_PLACEHOLDER = '<path>';

/**
 * `text` with file locations replaced: the configured model and cache locations, then
 * anything shaped like a path or file URL (a loader's error message may name others).
 * Hub ids (`owner/name`) and http(s) URLs are left alone.
 */
export function withoutPaths(text: string, known: string[] = []): string {
  let out = text;
  // Longest first: replacing a parent directory first would leave its child's tail behind.
  const locations = known.filter((k) => path.isAbsolute(k) || k.startsWith('.') || k.startsWith('~')).sort((a, b) => b.length - a.length);
  for (const location of locations) out = out.split(location).join(PATH_PLACEHOLDER);
  return out
    .replace(/file:\/\/[^\s"'()<>[\],;]*/gi, PATH_PLACEHOLDER)
    .replace(/(^|[\s(["'=,])[A-Za-z]:\\[^\s"'()<>[\],;]*/g, `$1${PATH_PLACEHOLDER}`)
    .replace(/(^|[\s(["'=,])(?:~|\.{1,2})?\/(?!\/)[^\s"'()<>[\],;]+/g, `$1${PATH_PLACEHOLDER}`);
}

/** The scorer as health endpoints show it: its model's name, and why it is in use, without where files live. */
export function publicScorerInfo(services: Services): ScorerInfo {
  const { info } = services.scorer;
  const { MODEL_CACHE_DIR, URGENCY_MODEL } = services.config;
  const known = [MODEL_CACHE_DIR, path.resolve(MODEL_CACHE_DIR), URGENCY_MODEL, path.resolve(URGENCY_MODEL)];
  return { kind: info.kind, model: withoutPaths(info.model, known), reason: withoutPaths(info.reason, known) };
}

/** Redis reachability, the scorer in use and the workers seen recently. */
export async function checkHealth(services: Services): Promise<HealthReport> {
  const redisOk = await redisAnswers(services);
  const workers = redisOk ? await liveWorkers(services.redis, services.keys, services.config.WORKER_STALE_MS).catch(() => []) : [];
  const last = workers.map((w) => w.last_seen).sort().at(-1) ?? null;
  const scorer = publicScorerInfo(services);
  const perTeam = services.teams.names.map((team) => ({ team, live: workers.filter((w) => !w.teams || w.teams.includes(team)).length }));
  return {
    status: redisOk ? 'ok' : 'degraded',
    redis: redisOk ? 'ok' : 'unreachable',
    model: scorer.model,
    scorer,
    workers: {
      live: workers.length,
      last_heartbeat: last,
      models: [...new Set(workers.map((w) => withoutPaths(w.scorer.model)))],
      teams: perTeam,
      unserved: perTeam.filter((t) => t.live === 0).map((t) => t.team),
    },
    thresholds: { urgent: URGENT_THRESHOLD, webhook: webhookThreshold(workers.map((w) => w.webhook_min_urgency)) },
  };
}

function webhookThreshold(values: readonly (number | null | undefined)[]): number | null {
  const set = values.filter((v): v is number => typeof v === 'number');
  return set.length === 0 ? null : Math.min(...set);
}
