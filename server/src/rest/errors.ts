import type { FastifyError, FastifyInstance } from 'fastify';
import { ConflictError, NotFoundError, RedisUnavailableError, ValidationError, toDomainError } from '@iq/core';
import { JsonDecodeError } from './json-body.js';

/** A REST error with a status and a FastAPI-style `detail`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** What went wrong with Redis, for the log: the ioredis error behind the domain's. */
const outageReason = (error: RedisUnavailableError) => (error.cause instanceof Error ? error.cause : error).message;

/**
 * Renders every error as `{"detail": ...}`, as FastAPI does: validation and malformed
 * JSON → 422 with a list of `{type, loc, msg, input}`; a conflict with the state (a claim
 * id that does not hold its ticket) → 409; something named that is not there → 404; a Redis outage → 503 (the request
 * was fine: retry later); body limits and types → 413/415; anything unexpected → a bare
 * 500 (logged, never echoed: no stack trace leaves the server).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | ValidationError | ConflictError | NotFoundError | HttpError | JsonDecodeError, request, reply) => {
    const error = toDomainError(thrown) as typeof thrown | RedisUnavailableError;
    if (error instanceof ValidationError) return reply.status(422).send({ detail: error.errors });
    if (error instanceof ConflictError) return reply.status(409).send({ detail: error.detail });
    if (error instanceof NotFoundError) return reply.status(404).send({ detail: error.detail });
    if (error instanceof RedisUnavailableError) {
      request.log.warn({ err: outageReason(error) }, 'Redis unavailable');
      return reply.status(503).send({ detail: RedisUnavailableError.MESSAGE });
    }
    if (error instanceof HttpError) return reply.status(error.statusCode).send({ detail: error.detail });
    if (error instanceof JsonDecodeError) {
      return reply.status(422).send({
        detail: [{ type: 'json_invalid', loc: ['body', error.position], msg: 'JSON decode error', input: {}, ctx: { error: error.reason } }],
      });
    }
    const code = 'code' in error ? error.code : undefined;
    switch (code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send({ detail: 'Request body is too large' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send({ detail: `Unsupported media type: expected application/json` });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) return reply.status(status).send({ detail: error.message });
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ detail: 'Internal Server Error' });
  });
}
