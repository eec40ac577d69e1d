import { createLexiconScorer, type Scorer } from '@iq/core';
import { startWorker as bootWorker, type TicketWorker } from '@iq/worker/worker';
import { spawnService, type ServiceProcess } from './process.js';

/** Starts a real BullMQ ticket worker in this process, through the worker's own bootstrap. */
export async function startWorker(
  redisUrl: string,
  env: Record<string, string> = {},
  scorer: Scorer = createLexiconScorer(),
): Promise<TicketWorker> {
  return bootWorker({ env: { REDIS_URL: redisUrl, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env }, scorer });
}

export type WorkerProcess = ServiceProcess;

/**
 * Starts the worker's real entry point as a child process (so a test can SIGKILL it)
 * and resolves once it logs that it is ready.
 */
export function spawnWorker(redisUrl: string, env: Record<string, string> = {}, entry = 'worker/src/index.ts'): Promise<WorkerProcess> {
  return spawnService(entry, { REDIS_URL: redisUrl, ...env }, 'worker ready', 'worker');
}
