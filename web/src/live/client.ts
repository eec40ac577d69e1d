import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';

/**
 * The urql client: queries and mutations over HTTP POST /graphql, subscriptions over
 * the graphql-ws socket. No cache: every query is asked when the UI needs it, which
 * is when an event says the data changed (there is no polling).
 */
export function createUrqlClient(socket: WsClient): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              return { unsubscribe: socket.subscribe(input, sink) };
            },
          };
        },
      }),
    ],
  });
}
