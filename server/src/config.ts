import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { intVar, loadEnvOrExit, parseEnv, scorerEnvShape, sharedEnvShape } from '@iq/core';

/** The API's environment; every variable has a default (see README). */
export const serverEnvShape = {
  ...sharedEnvShape,
  ...scorerEnvShape,
  PORT: intVar(8000, 0, 65_535),
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * Browser origins allowed to call the API (comma-separated). The default is the
   * original's: its frontend's Vite dev server. `*` allows any origin (echoed, with credentials).
   */
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173,http://127.0.0.1:5173')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).transform((o) => new URL(o).origin)])).min(1)),
  /** `GET /queue` returns the whole queue, as the original did, up to this many tickets. */
  QUEUE_LIST_MAX: intVar(1_000, 1, 100_000),
  TICKET_REQUEST_MAX_BYTES: intVar(64 * 1024, 1024),
  BATCH_REQUEST_MAX_BYTES: intVar(16 * 1024 * 1024, 1024),
  GRAPHQL_MAX_DOCUMENT_BYTES: intVar(100 * 1024, 256),
  GRAPHQL_MAX_TOKENS: intVar(2_000, 10),
  GRAPHQL_MAX_DEPTH: intVar(15, 1, 100),
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
