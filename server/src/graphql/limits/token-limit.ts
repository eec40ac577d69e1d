import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';
import { armorRejection } from './rejection.js';

/**
 * GraphQL Armor's token limit, counted while parsing so an oversized document is never
 * fully parsed. Its rejection is a parse error like a syntax error: yoga answers 400, or
 * 200 to a client that accepts only `application/json` (it overrides `spec: false` there).
 */
export function useTokenLimit(maxTokens: number): Plugin {
  return maxTokensPlugin({
    n: maxTokens,
    onReject: [
      (_context, error) => {
        throw armorRejection(error, 'GRAPHQL_PARSE_FAILED');
      },
    ],
  });
}
