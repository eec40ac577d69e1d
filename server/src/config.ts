import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { intVar, loadEnvOrExit, parseEnv, scorerEnvShape, sharedEnvShape } from '@iq/core';
import { PAGE_MAX_LIMIT } from '@iq/core/domain';

/** The API's environment; every variable has a default (see README). */
export const serverEnvShape = {
  ...sharedEnvShape,
  ...scorerEnvShape,
  PORT: intVar(8000, 0, 65_535),
  /**
   * The interface to listen on. Unset: every interface (0.0.0.0) when API keys are
   * configured, loopback (127.0.0.1) when they are not, so an unkeyed API is never
   * reachable from the network by accident.
   */
  HOST: z.string().min(1).optional(),
  /**
   * `role:key` pairs, comma-separated; roles are submit, agent and admin. A key may be
   * listed once per role it has. Keys are secrets: never logged, compared in constant time.
   */
  API_KEYS: z.string().optional(),
  /** A file with one `role:key` per line (`#` starts a comment); read once at startup. */
  API_KEYS_FILE: z.string().min(1).optional(),
  /**
   * `none` serves every request without a key even on a non-loopback HOST (logged as a
   * warning). Unset: keys are required when API_KEYS/API_KEYS_FILE name any, and the API
   * stays on loopback when they do not.
   */
  AUTH: z.enum(['none']).optional(),
  /**
   * Trust X-Forwarded-* from a reverse proxy, so rate limits and logs see the client's
   * address: `true` (any hop), a hop count, or comma-separated proxy addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string[] =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()).filter(Boolean),
    ),
  /**
   * Browser origins allowed to call the API (comma-separated). The default is the
   * original's: its frontend's Vite dev server. `*` lets any origin read answers
   * (`Access-Control-Allow-Origin: *`, without credentials); state-changing requests from
   * a cross-site page are refused unless their origin is listed here.
   */
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173,http://127.0.0.1:5173')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).transform((o) => new URL(o).origin)])).min(1)),
  /**
   * Host names an API without keys answers to, besides IP addresses, localhost and the
   * hosts of CORS_ORIGINS (comma-separated): any other Host is refused, so a DNS-rebound
   * page cannot pass for the API's own.
   */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean)),
  /**
   * `GET /queue` returns the whole queue, as the original did, up to this many tickets;
   * by default as many as one GraphQL page may hold.
   */
  QUEUE_LIST_MAX: intVar(PAGE_MAX_LIMIT, 1, 100_000),
  TICKET_REQUEST_MAX_BYTES: intVar(64 * 1024, 1024),
  BATCH_REQUEST_MAX_BYTES: intVar(16 * 1024 * 1024, 1024),
  GRAPHQL_MAX_DOCUMENT_BYTES: intVar(100 * 1024, 256),
  GRAPHQL_MAX_TOKENS: intVar(2_000, 10),
  GRAPHQL_MAX_DEPTH: intVar(15, 1, 100),
  /** Aliases per operation: one request must not fan out into thousands of calls. */
  GRAPHQL_MAX_ALIASES: intVar(15, 1, 1_000),
  /** The cost an operation may have (GraphQL Armor's cost limit: objects and scalars weighed by depth). */
  GRAPHQL_MAX_COST: intVar(5_000, 10),
  GRAPHQL_MAX_DIRECTIVES: intVar(10, 1, 1_000),
  /** Records one operation may read from `queue` and `activity` in all (the sum of their limits over aliases). */
  GRAPHQL_MAX_LIST_ITEMS: intVar(2_000, 1),
  /** Introspection and field suggestions; unset: on unless NODE_ENV=production. */
  GRAPHQL_INTROSPECTION: z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes').optional(),
  NODE_ENV: z.string().default('development'),
  /** Time a client has to send a request's headers, and its whole request (slow clients are cut off). */
  HTTP_HEADERS_TIMEOUT_MS: intVar(10_000, 100),
  HTTP_REQUEST_TIMEOUT_MS: intVar(30_000, 100),
  /** An idle keep-alive connection is closed after this long. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intVar(5_000, 100),
  /** A connection on which nothing moves for this long is closed (subscriptions send keep-alives more often). */
  HTTP_IDLE_TIMEOUT_MS: intVar(30_000, 1_000),
  /** Open connections at most; keep it below the process's open-file limit (`ulimit -n`). */
  HTTP_MAX_CONNECTIONS: intVar(10_000, 10),
  /**
   * Requests per client (API key, or address without keys) per RATE_LIMIT_WINDOW_MS, counted
   * in Redis so the limits hold across API instances; 0 turns a limit off. Submissions count
   * REST POST /tickets[/batch] and GraphQL submit mutations; pops count /tickets/next and popNext.
   */
  RATE_LIMIT_WINDOW_MS: intVar(60_000, 1_000),
  RATE_LIMIT_SUBMIT: intVar(600, 0),
  RATE_LIMIT_POP: intVar(600, 0),
  /** A worker counts as alive when its last heartbeat is younger than this. */
  WORKER_STALE_MS: intVar(15_000, 1_000),
  /** queueStats subscriptions recompute at most this often during bursts of events. */
  QUEUE_STATS_THROTTLE_MS: intVar(100, 0, 10_000),
  /** The built dashboard served at `/`. */
  WEB_DIST_DIR: z.string().min(1).default(fileURLToPath(new URL('../../web/dist', import.meta.url))),
};

export type ServerConfig = z.infer<z.ZodObject<typeof serverEnvShape>>;

export const parseServerConfig = (env: Record<string, string | undefined>): ServerConfig => parseEnv(serverEnvShape, env);
export const loadServerConfig = (): ServerConfig => loadEnvOrExit(serverEnvShape);
