import { createLexiconScorer, createLogger, type Scorer } from '@iq/core';
import { parseWorkerConfig } from '@iq/worker/config';
import { startTicketWorker, type TicketWorker } from '@iq/worker/worker';
import { spawnService, type ServiceProcess } from './process.js';

/** Starts a real BullMQ ticket worker in this process. */
export async function startWorker(
  redisUrl: string,
  env: Record<string, string> = {},
  scorer: Scorer = createLexiconScorer(),
): Promise<TicketWorker> {
  const config = parseWorkerConfig({ REDIS_URL: redisUrl, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env });
  return startTicketWorker(config, scorer, createLogger({ name: 'worker', level: config.LOG_LEVEL, format: 'json' }));
}

export type WorkerProcess = ServiceProcess;

/**
 * Starts the worker's real entry point as a child process (so a test can SIGKILL it)
 * and resolves once it logs that it is ready.
 */
export function spawnWorker(redisUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  return spawnService('worker/src/index.ts', { REDIS_URL: redisUrl, ...env }, 'worker ready', 'worker');
}
