import { z } from 'zod';
import { intVar, loadEnvOrExit, parseEnv, scorerEnvShape, sharedEnvShape } from '@iq/core';

/** The worker's environment; every variable has a default (see README). */
export const workerEnvShape = {
  ...sharedEnvShape,
  ...scorerEnvShape,
  /** Jobs in flight per process; with the transformer, their texts share forward passes. */
  WORKER_CONCURRENCY: intVar(16, 1, 1000),
  /** How long a job's lock lives; a crashed worker's job is recovered after it expires. */
  WORKER_LOCK_DURATION_MS: intVar(30_000, 500),
  /** How often the worker looks for stalled jobs (those whose lock expired). */
  WORKER_STALLED_INTERVAL_MS: intVar(30_000, 200),
  WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEBHOOK_TIMEOUT_MS: intVar(2_000, 100, 60_000),
  WEBHOOK_MIN_URGENCY: z.coerce.number().min(0).max(1).default(0.8),
};

export type WorkerConfig = z.infer<z.ZodObject<typeof workerEnvShape>>;

export const parseWorkerConfig = (env: Record<string, string | undefined>): WorkerConfig => parseEnv(workerEnvShape, env);
export const loadWorkerConfig = (): WorkerConfig => loadEnvOrExit(workerEnvShape);
