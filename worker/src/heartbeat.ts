import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { removeWorker, sendHeartbeat, type ConnectionStateLog, type Keys, type Logger, type ScorerInfo, type WorkerInfo } from '@iq/core';
import type { WorkerConfig } from './config.js';

/** Unique across hosts, processes and restarts of one process's worker; readable in logs and /health/details. */
export const newWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** What this worker tells the registry about itself (shown by the API's /health/details). */
export function workerInfo(
  id: string,
  scorer: ScorerInfo,
  config: Pick<WorkerConfig, 'WEBHOOK_URL' | 'WEBHOOK_MIN_URGENCY' | 'WORKER_TEAMS'>,
): WorkerInfo {
  return {
    id,
    pid: process.pid,
    host: hostname(),
    scorer,
    // The dashboard's "High (webhook)" badge follows what the workers really alert on.
    webhook_min_urgency: config.WEBHOOK_URL ? config.WEBHOOK_MIN_URGENCY : null,
    // Which team queues have a worker: one nobody serves piles up.
    teams: [...config.WORKER_TEAMS],
    started_at: new Date().toISOString(),
  };
}

export interface Heartbeat {
  /** No more beats; the worker stays registered until leave(). */
  stop(): void;
  /** Takes the worker out of the registry at once, rather than when its beats go stale. Never throws. */
  leave(): Promise<void>;
}

export interface HeartbeatDeps {
  redis: Redis;
  keys: Keys;
  info: WorkerInfo;
  intervalMs: number;
  /** A beat that fails for want of Redis is part of an outage this already reports once. */
  redisState: ConnectionStateLog;
  log: Logger;
}

/** Registers the worker (resolves after the first beat, failed or not) and beats every `intervalMs`. */
export async function startHeartbeat(deps: HeartbeatDeps): Promise<Heartbeat> {
  const { redis, keys, info, intervalMs, redisState, log } = deps;
  const beat = () =>
    sendHeartbeat(redis, keys, info).then(
      // A beat that lands is the surest sign an outage is over.
      () => redisState.up(),
      (e: unknown) => {
        if (!redisState.report(e)) log.warn({ err: e }, 'heartbeat failed');
      },
    );
  await beat();
  const timer = setInterval(beat, intervalMs);
  // The beat alone must not keep a process alive that has nothing else to do.
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    leave: () => removeWorker(redis, keys, info.id).catch(() => undefined),
  };
}
