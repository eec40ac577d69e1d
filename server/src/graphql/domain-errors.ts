import { GraphQLError } from 'graphql';
import { ConflictError, NotFoundError, RedisUnavailableError, ValidationError, toDomainError } from '@iq/core';
import { badUserInput } from './input-validation.js';

/** What a resolver threw: graphql-js wraps it, with the field's place, as `originalError`. */
function thrownBy(error: unknown): unknown {
  while (error instanceof GraphQLError && error.originalError) error = error.originalError;
  return error;
}

/**
 * The outage at the failed field's place in the answer; yoga turns `extensions.http.status`
 * into the single-operation endpoint's status (and strips it).
 */
function serviceUnavailable(at: GraphQLError | undefined): GraphQLError {
  return new GraphQLError(RedisUnavailableError.MESSAGE, {
    nodes: at?.nodes,
    path: at?.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

/** A conflict with the state as GraphQL clients see it: CONFLICT, with the domain's reason. */
export function conflict(error: ConflictError, at?: GraphQLError): GraphQLError {
  return new GraphQLError(error.detail, { nodes: at?.nodes, path: at?.path, extensions: { code: 'CONFLICT', reason: error.reason } });
}

/** Something the operation names is not there: NOT_FOUND. */
export function notFound(error: NotFoundError, at?: GraphQLError): GraphQLError {
  return new GraphQLError(error.detail, { nodes: at?.nodes, path: at?.path, extensions: { code: 'NOT_FOUND' } });
}

/**
 * A conflict (or something not found) is an answer, not a failure: resolvers throw it
 * already rendered, so it is not logged as an error (yoga logs every error it has to render).
 */
export const conflictsRendered = <T>(work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => {
    throw error instanceof ConflictError ? conflict(error) : error instanceof NotFoundError ? notFound(error) : error;
  });

/**
 * The domain's errors as GraphQL clients see them: a Redis outage is SERVICE_UNAVAILABLE
 * (503) so they know to retry, invalid input BAD_USER_INPUT, a conflict with the state
 * (a claim id that does not hold its ticket) CONFLICT with its `reason`, something named
 * that is not there NOT_FOUND. Undefined for
 * any other error, which the caller masks.
 */
export function domainGraphQLError(error: unknown): GraphQLError | undefined {
  const domain = toDomainError(thrownBy(error));
  const at = error instanceof GraphQLError ? error : undefined;
  if (domain instanceof RedisUnavailableError) return serviceUnavailable(at);
  if (domain instanceof ValidationError) return badUserInput(domain, at);
  if (domain instanceof ConflictError) return conflict(domain, at);
  if (domain instanceof NotFoundError) return notFound(domain, at);
  return undefined;
}
