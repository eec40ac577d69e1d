import { GraphQLError } from 'graphql';
import { RedisUnavailableError, ValidationError, toDomainError } from '@iq/core';
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

/**
 * The domain's errors as GraphQL clients see them: a Redis outage is SERVICE_UNAVAILABLE
 * (503) so they know to retry, invalid input BAD_USER_INPUT. Undefined for any other
 * error, which the caller masks.
 */
export function domainGraphQLError(error: unknown): GraphQLError | undefined {
  const domain = toDomainError(thrownBy(error));
  const at = error instanceof GraphQLError ? error : undefined;
  if (domain instanceof RedisUnavailableError) return serviceUnavailable(at);
  if (domain instanceof ValidationError) return badUserInput(domain, at);
  return undefined;
}
