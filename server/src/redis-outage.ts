import { GraphQLError } from 'graphql';

/** What REST and GraphQL clients are told while Redis is down: retry later, their request was fine. */
export const REDIS_OUTAGE_MESSAGE = 'Service unavailable: Redis is unreachable';

const OUTAGE_MESSAGES = /Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue/;

/**
 * Whether `error` means Redis could not be reached. GraphQL wraps a resolver's error, so
 * its `originalError` is what counts; `cause` is not followed, since an unrelated
 * connection (a fetch, say) fails with ECONNREFUSED too.
 */
export function isRedisOutage(error: unknown): boolean {
  while (error instanceof GraphQLError && error.originalError) error = error.originalError;
  return error instanceof Error && (error.name === 'MaxRetriesPerRequestError' || OUTAGE_MESSAGES.test(error.message));
}

/**
 * The GraphQL error for an outage, at the failed field's place in the answer; yoga turns
 * `extensions.http.status` into the single-operation endpoint's status (and strips it).
 */
export function redisOutageGraphQLError(error: unknown): GraphQLError {
  const at = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(REDIS_OUTAGE_MESSAGE, {
    nodes: at?.nodes,
    path: at?.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}
