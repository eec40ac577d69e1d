import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { Client as WsClient, Sink } from 'graphql-ws';
import { authorizedFetch, type Fetch } from '../auth/api-key-http';
import { onKeyChange, type ApiKeyStore } from '../auth/api-key-store';
import { isUnauthorizedClose } from './connection';

/**
 * The urql client: queries and mutations over HTTP POST /graphql (with the session's
 * API key, if any), subscriptions over the graphql-ws socket. No cache: every query is
 * asked when the UI needs it, which is when an event says the data changed (there is
 * no polling).
 */
export function createUrqlClient(socket: WsClient, keys: ApiKeyStore, fetch?: Fetch): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: authorizedFetch(keys, fetch),
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe: (sink) => ({ unsubscribe: subscribeAcrossKeyChanges(socket, keys, input, sink) }),
          };
        },
      }),
    ],
  });
}

/**
 * graphql-ws ends every subscription for good when the socket is closed as
 * unauthorized (4401). The components subscribe once for the app's lifetime, so instead
 * of passing that end on, wait for a key to be entered and subscribe again.
 */
function subscribeAcrossKeyChanges(
  socket: WsClient,
  keys: ApiKeyStore,
  payload: Parameters<WsClient['subscribe']>[0],
  sink: Sink,
): () => void {
  let stop = () => {};
  const start = () => {
    const version = keys.getSnapshot().version;
    stop = socket.subscribe(payload, {
      next: (value) => sink.next(value),
      complete: () => sink.complete(),
      error: (error) => {
        if (!isUnauthorizedClose(error)) return sink.error(error);
        // A key entered while this attempt was under way was not the one refused.
        if (keys.getSnapshot().version !== version) return start();
        const unlisten = onKeyChange(keys, () => {
          unlisten();
          start();
        });
        stop = unlisten;
      },
    });
  };
  start();
  return () => stop();
}
