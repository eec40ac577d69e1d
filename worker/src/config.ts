import { z } from 'zod';
import { ConfigError, DEFAULT_WEBHOOK_MIN_URGENCY, PAGE_MAX_LIMIT, WEBHOOK_FORMATS, intVar, parseEnv, scorerEnvShape, sharedEnvShape, configProblemsOf } from '@iq/core';

/** The worker's environment; every variable has a default (see README). */
export const workerEnvShape = {
  ...sharedEnvShape,
  ...scorerEnvShape,
  /**
   * The team queues this worker takes jobs from, comma-separated, each one of TEAM_QUEUES;
   * unset: every team. Its claim reconciler, lease reaper and escalations work on these
   * teams too, so every team needs at least one worker serving it.
   */
  WORKER_TEAMS: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))])),
  /**
   * Jobs in flight per team queue served (one BullMQ Worker each): a worker serving four
   * teams may run four times this. With the transformer, their texts share forward passes.
   */
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
  /** How often the lease reaper puts tickets whose lease ran out back in the queue, at their place. */
  LEASE_REAP_INTERVAL_MS: intVar(1_000, 100),
  /** A claim with no job younger than this is left alone (its API may still be enqueueing it). */
  RECONCILE_GRACE_MS: intVar(10_000, 100),
  /** Where alerts go (Slack, Discord, or any HTTP endpoint); unset: no alerts, no escalations. */
  WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How long one try of a delivery may take, answer included; past it the try fails (and is retried). */
  WEBHOOK_TIMEOUT_MS: intVar(2_000, 100, 60_000),
  WEBHOOK_MIN_URGENCY: z.coerce.number().min(0).max(1).default(DEFAULT_WEBHOOK_MIN_URGENCY),
  /**
   * How the alert is written and escaped: `slack` ({text, blocks}), `discord` ({content,
   * embeds}, no mentions allowed), `generic` (a JSON event with the ticket and a `text`
   * line), or `auto`: Slack for slack.com hosts, Discord for discord.com / discordapp.com,
   * generic otherwise. Set it for a Slack or Discord webhook behind a proxy or another
   * host name, or for a Slack-compatible service.
   */
  WEBHOOK_FORMAT: z.enum(WEBHOOK_FORMATS).default('auto'),
  /**
   * Signs every delivery: `X-IQ-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
   * (see README: Webhooks). Unset: unsigned. Never logged.
   */
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 32)').optional(),
  /** Tries per delivery, the first included; the last failure records `webhook_failed`. */
  WEBHOOK_ATTEMPTS: intVar(8, 1, 100),
  /** Wait before the second try; it doubles for each one after (1, 2, 4 … 64 s with the defaults: about two minutes in all). */
  WEBHOOK_BACKOFF_MS: intVar(1_000, 10),
  /** Deliveries in flight per worker process (they wait on the network, not the CPU). */
  WEBHOOK_CONCURRENCY: intVar(8, 1, 1_000),
  /** Deliveries the log keeps (GET /webhooks/deliveries); past it the oldest go. */
  WEBHOOK_LOG_SIZE: intVar(200, 1, PAGE_MAX_LIMIT),
  /**
   * An urgent ticket (one that alerted) still in the queue — not popped, not claimed — this
   * long after it was processed is escalated once: one more notification and
   * `ticket_escalated`. 0: never.
   */
  ESCALATE_AFTER_SECONDS: intVar(900, 0, 30 * 86_400),
  /** How often each worker looks for tickets due for escalation. */
  ESCALATE_INTERVAL_MS: intVar(5_000, 100),
  /**
   * The worker's own HTTP port, for probes and Prometheus: GET /health answers 200
   * while the worker takes jobs and its Redis connections are ready, 503 otherwise, and
   * GET /metrics serves this worker's metrics (README: Metrics). It listens on every
   * interface, since probes and scrapers come from outside the host or container, and
   * serves nothing but those two. 0: no listener (the default).
   */
  WORKER_METRICS_PORT: intVar(0, 0, 65_535),
};

type ParsedWorkerEnv = z.infer<z.ZodObject<typeof workerEnvShape>>;

/** The worker's configuration: WORKER_TEAMS resolved (every team when unset), in TEAM_QUEUES order. */
export type WorkerConfig = Omit<ParsedWorkerEnv, 'WORKER_TEAMS'> & { WORKER_TEAMS: string[] };

/**
 * The team queues a worker serves: `workerTeams` (every team when unset), in `teamQueues`
 * order. A ConfigError naming WORKER_TEAMS when it names no team or one not in TEAM_QUEUES.
 */
export function servedTeams(teamQueues: readonly string[], workerTeams: readonly string[] | undefined): string[] {
  if (workerTeams === undefined) return [...teamQueues];
  const unknown = workerTeams.filter((t) => !teamQueues.includes(t));
  if (unknown.length > 0) {
    throw new ConfigError([`WORKER_TEAMS: ${unknown.join(', ')} not in TEAM_QUEUES (${teamQueues.join(', ')})`]);
  }
  if (workerTeams.length === 0) throw new ConfigError([`WORKER_TEAMS: names no team (TEAM_QUEUES: ${teamQueues.join(', ')})`]);
  return teamQueues.filter((t) => workerTeams.includes(t));
}

const problemsOf = configProblemsOf;

/**
 * Reads the worker's environment: a ConfigError lists every problem, WORKER_TEAMS naming a
 * team not in TEAM_QUEUES included (a check across two variables, which the shape alone
 * cannot make).
 */
export function parseWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  let parsed: ParsedWorkerEnv | undefined;
  const problems = problemsOf(() => {
    parsed = parseEnv(workerEnvShape, env);
  });
  // Checked even when other variables are wrong, so that one message lists everything.
  const teamVars = { TEAM_QUEUES: workerEnvShape.TEAM_QUEUES, WORKER_TEAMS: workerEnvShape.WORKER_TEAMS };
  const teams = problemsOf(() => {
    let both: z.infer<z.ZodObject<typeof teamVars>>;
    try {
      both = parseEnv(teamVars, env);
    } catch {
      return; // Already among `problems`.
    }
    servedTeams(both.TEAM_QUEUES, both.WORKER_TEAMS);
  });
  if (problems.length > 0 || teams.length > 0 || !parsed) throw new ConfigError([...problems, ...teams]);
  return { ...parsed, WORKER_TEAMS: servedTeams(parsed.TEAM_QUEUES, parsed.WORKER_TEAMS) };
}

/** For the entry point: the configuration, or every problem on stderr and exit 1. */
export function loadWorkerConfig(): WorkerConfig {
  try {
    return parseWorkerConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
