import { z } from 'zod';
import { DEFAULT_TEAMS, TEAM_NAME, TEAM_NAME_RULE } from '../domain/team.js';

/** Raised when the environment does not parse; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Every problem `check` reports, or none; anything but a ConfigError is a bug and is thrown. */
export function configProblemsOf(check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** Integer env var with a default and bounds. */
export const intVar = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Boolean env var: accepts 1/0, true/false, yes/no. */
export const boolVar = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Variables every process reads: where Redis is and how keys are named. */
export const sharedEnvShape = {
  REDIS_URL: z
    .string()
    .refine((v) => (v.startsWith('redis+cluster://') ? /^redis\+cluster:\/\/(?:[^@]*@)?[^:,]+:\d{1,5}(?:,[^:,]+:\d{1,5})*\/?$/.test(v) : URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol)), {
      message: 'must be redis://, rediss:// or redis+cluster://host:port,host:port',
    })
    .default('redis://127.0.0.1:6379'),
  /** A Redis Cluster's seed nodes, `host:port,host:port`: when set, used instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(/^[^:,]+:\d{1,5}(?:,[^:,]+:\d{1,5})*$/, 'must be host:port,host:port')
    .optional(),
  /** The team queues, comma-separated (see domain/team.ts); default: one per category. */
  TEAM_QUEUES: z
    .string()
    .default(DEFAULT_TEAMS.join(','))
    .transform((v, ctx) => {
      const teams = [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))];
      const bad = teams.filter((t) => !TEAM_NAME.test(t));
      if (teams.length === 0 || bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `team names: ${TEAM_NAME_RULE}${bad.length ? `; not: ${bad.join(', ')}` : ''}` });
        return z.NEVER;
      }
      return teams;
    }),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only (it becomes a Redis hash tag)')
    .default('iq'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: JSON lines when stdout is not a terminal (a log collector, a pipe), pretty on one. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  ACTIVITY_MAXLEN: intVar(10_000, 10),
  JOB_ATTEMPTS: intVar(3, 1, 100),
  JOB_BACKOFF_MS: intVar(1_000, 0),
  JOB_RETENTION_SECONDS: intVar(86_400, 1),
  JOB_RETENTION_COUNT: intVar(10_000, 1),
  TICKET_ID_MAX_LENGTH: intVar(128, 1, 1024),
  SUBJECT_MAX_LENGTH: intVar(500, 1),
  BODY_MAX_LENGTH: intVar(20_000, 1),
  BATCH_MAX_ITEMS: intVar(1_000, 1),
  HEARTBEAT_INTERVAL_MS: intVar(5_000, 100),
  /** How long a process waits at start-up for Redis to answer before it gives up (exit 1). */
  REDIS_READY_TIMEOUT_MS: intVar(10_000, 100),
};

/**
 * Parses `env` against `shape`. Empty strings count as unset, so `FOO= npm start`
 * falls back to the default instead of failing.
 */
export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = z.object(shape).safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return result.data;
}

export type SharedEnv = z.infer<z.ZodObject<typeof sharedEnvShape>>;
