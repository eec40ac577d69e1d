/**
 * The errors the domain speaks, one vocabulary for every adapter: REST renders them as
 * `{detail}` with 422 / 404 / 409 / 503, GraphQL as `BAD_USER_INPUT` / `NOT_FOUND` /
 * `CONFLICT` / `SERVICE_UNAVAILABLE`. Anything
 * else is a bug: logged, answered 500 / "Unexpected error", never echoed.
 */

/**
 * One invalid field, as FastAPI (pydantic 2) reports it: `type` a stable code, `loc` the
 * path to the field, `msg` for people, `input` the rejected value (for a missing field,
 * the object it is missing from; `null` when there is nothing).
 */
export interface FieldError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
}

/** Thrown at the edges when input does not parse; the adapters render it. */
export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.loc.join('.')}: ${e.msg}`).join('; '));
    this.name = 'ValidationError';
  }
}

/** Redis could not be reached: the request was fine, the client should retry later. */
export class RedisUnavailableError extends Error {
  static readonly MESSAGE = 'Service unavailable: Redis is unreachable';

  constructor(options?: { cause?: unknown }) {
    super(RedisUnavailableError.MESSAGE, options);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * The request is well-formed but the state it acts on says no (a claim id that is wrong,
 * expired or already acked): REST 409 `{detail}`, GraphQL `CONFLICT` with `reason`.
 */
export class ConflictError extends Error {
  constructor(
    /** For people, and REST's `detail`. */
    readonly detail: string,
    /** A stable code for programs (e.g. `expired`). */
    readonly reason: string,
  ) {
    super(detail);
    this.name = 'ConflictError';
  }
}

/**
 * What an action names does not exist (or is not the kind it acts on, e.g. a job that
 * did not fail): REST 404 `{detail}`, GraphQL `NOT_FOUND`.
 */
export class NotFoundError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'NotFoundError';
  }
}
