import { GraphQLError } from 'graphql';

export type RejectionCode = 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'BAD_USER_INPUT';

/**
 * An operation refused before anything runs. `spec: false` keeps the 400 for clients that
 * accept only `application/json` too: yoga would otherwise answer them 200, as the
 * GraphQL-over-HTTP spec allows for validation errors, and a refused flood would look served.
 */
export function rejection(message: string, code: RejectionCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400, spec: false } } });
}

/**
 * GraphQL Armor's rejection ("Syntax Error: …", no code, which yoga answers with 200) as
 * one of ours. The prefix goes: a limit is not a syntax error.
 */
export function armorRejection(error: GraphQLError, code: RejectionCode): GraphQLError {
  return rejection(error.message.replace(/^Syntax Error: /, ''), code);
}
