import { z } from 'zod';
import { DEFAULT_WEBHOOK_MIN_URGENCY, WEBHOOK_FORMATS, intVar, loadEnvOrExit, parseEnv, scorerEnvShape, sharedEnvShape } from '@iq/core';

/** The worker's environment; every variable has a default (see README). */
export const workerEnvShape = {
  ...sharedEnvShape,
  ...scorerEnvShape,
  /** Jobs in flight per process; with the transformer, their texts share forward passes. */
  WORKER_CONCURRENCY: intVar(16, 1, 1000),
  /**
   * How long a job's lock lives (renewed every half of it while the worker lives); a
   * dead worker's job is recovered once it expires and a stalled check runs. With the
   * defaults, within 10 + 5 s of the death.
   */
  WORKER_LOCK_DURATION_MS: intVar(10_000, 500),
  /** How often workers look for stalled jobs (those whose lock expired). */
  WORKER_STALLED_INTERVAL_MS: intVar(5_000, 200),
  /**
   * How many times a job may stall (its worker dying under it) and still be retried.
   * Past it the job fails for good, freeing the id unless the ticket was stored.
   */
  WORKER_MAX_STALLS: intVar(10, 1, 1_000),
  /** How often the claim reconciler runs. */
  RECONCILE_INTERVAL_MS: intVar(5_000, 100),
  /** A claim with no job younger than this is left alone (its API may still be enqueueing it). */
  RECONCILE_GRACE_MS: intVar(10_000, 100),
  WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  WEBHOOK_TIMEOUT_MS: intVar(2_000, 100, 60_000),
  WEBHOOK_MIN_URGENCY: z.coerce.number().min(0).max(1).default(DEFAULT_WEBHOOK_MIN_URGENCY),
  /**
   * How the alert is written and escaped: `slack` ({text}, for Slack and compatible
   * services), `discord` ({content} with no mentions allowed), or `auto`: Discord for
   * discord.com / discordapp.com hosts, Slack otherwise. Set it for a Discord webhook
   * behind a proxy or another host name.
   */
  WEBHOOK_FORMAT: z.enum(WEBHOOK_FORMATS).default('auto'),
  /**
   * The worker's own HTTP port, for probes and (later) metrics: GET /health answers 200
   * while the worker takes jobs and its Redis connections are ready, 503 otherwise. It
   * listens on every interface, since probes and scrapers come from outside the host or
   * container, and serves nothing but that status. 0: no listener (the default).
   */
  WORKER_METRICS_PORT: intVar(0, 0, 65_535),
};

export type WorkerConfig = z.infer<z.ZodObject<typeof workerEnvShape>>;

export const parseWorkerConfig = (env: Record<string, string | undefined>): WorkerConfig => parseEnv(workerEnvShape, env);
export const loadWorkerConfig = (): WorkerConfig => loadEnvOrExit(workerEnvShape);
