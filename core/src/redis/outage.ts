import { RedisUnavailableError } from '../domain/errors.js';

/*
 * ioredis has no error class for "Redis cannot be reached": depending on where the
 * connection is when a command is sent, it fails with one of these. Kept here, next to
 * the connection settings that produce them (see connection.ts), so adapters speak only
 * the domain's RedisUnavailableError.
 */

/** ioredis gave up on a command after `maxRetriesPerRequest` reconnect attempts. */
const MAX_RETRIES = 'MaxRetriesPerRequestError';

/**
 * Messages of a command that could not reach Redis: the connection was closed (or never
 * opened), refused, its socket no longer writeable, or offline queueing was off.
 */
const OUTAGE_MESSAGES = /Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue/;

/**
 * Whether `error` is ioredis saying Redis could not be reached. `cause` is not followed:
 * an unrelated connection (a webhook's fetch, say) fails with ECONNREFUSED too, and only
 * errors thrown by a Redis command itself mean the queue is unavailable.
 */
export function isRedisOutage(error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true;
  return error instanceof Error && (error.name === MAX_RETRIES || OUTAGE_MESSAGES.test(error.message));
}

/**
 * `error` in the domain's vocabulary: a RedisUnavailableError (the original as its
 * `cause`) for an outage, anything else unchanged, so adapters map domain errors once.
 */
export function toDomainError(error: unknown): unknown {
  if (error instanceof RedisUnavailableError || !isRedisOutage(error)) return error;
  return new RedisUnavailableError({ cause: error });
}
