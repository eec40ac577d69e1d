import { createClient, type Client as WsClient } from 'graphql-ws';
import { bearer } from '../auth/api-key-http';
import { onKeyChange, type ApiKeyStore } from '../auth/api-key-store';

/** What the header shows: the live feed is either up or being re-established. */
export type FeedState = 'connected' | 'reconnecting';

export interface ConnectionSnapshot {
  state: FeedState;
  /** Increases on every (re)connect: effects keyed on it refetch what was missed. */
  epoch: number;
}

/** The state of the live feed, readable with `useSyncExternalStore`. */
export interface LiveConnection {
  getSnapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
}

/** A connection whose state is set by hand: for tests, and as a base for the real one. */
export class ManualConnection implements LiveConnection {
  private snapshot: ConnectionSnapshot = { state: 'reconnecting', epoch: 0 };
  private readonly listeners = new Set<() => void>();

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  connected(): void {
    this.set({ state: 'connected', epoch: this.snapshot.epoch + 1 });
  }

  lost(): void {
    if (this.snapshot.state !== 'reconnecting') this.set({ ...this.snapshot, state: 'reconnecting' });
  }

  private set(next: ConnectionSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/** ws(s)://<this host>/graphql: the API serves graphql-ws next to HTTP GraphQL. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

/** Reconnect backoff: 0.5 s, 1 s, 2 s, 4 s, then every ~5 s (graphql-ws's own doubles without bound). */
export function retryDelay(retries: number): number {
  return Math.min(500 * 2 ** retries, 5000) * (0.8 + Math.random() * 0.4);
}

/** The API closes the socket with 4401 when the key in connection_init is missing or unknown. */
export const UNAUTHORIZED_CLOSE = 4401;

export function isUnauthorizedClose(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { code?: unknown }).code === UNAUTHORIZED_CLOSE;
}

export interface LiveSocketOptions {
  url?: string;
  /** For tests: a stand-in for the browser's WebSocket. */
  webSocketImpl?: unknown;
}

/**
 * The graphql-ws client every subscription uses. It connects at once (not lazily),
 * retries forever, and reports connected / closed / connecting to `connection`.
 *
 * The session's API key goes in connection_init, read at every (re)connect. A 4401 close
 * is reported to `keys` (the prompt opens); graphql-ws does not retry it, and the
 * subscriptions wait for a key instead (see client.ts). Entering or forgetting a key
 * drops the socket, so the next one is opened with the key now held, and its connect
 * bumps the epoch, which re-runs the queries.
 */
export function createLiveSocket(
  keys: ApiKeyStore,
  { url = graphqlWsUrl(), webSocketImpl }: LiveSocketOptions = {},
): { socket: WsClient; connection: ManualConnection } {
  const connection = new ManualConnection();
  let sentKey: string | null = null;
  // After a refusal the next attempt only comes with a new key, and after a key change
  // the socket was dropped on purpose: neither is a reason to wait.
  let reconnectAtOnce = false;
  const socket = createClient({
    url,
    webSocketImpl,
    lazy: false,
    connectionParams: () => {
      sentKey = keys.current();
      return sentKey === null ? undefined : { authorization: bearer(sentKey) };
    },
    retryAttempts: Infinity,
    // Whatever closed the socket (API restart, network), try again.
    shouldRetry: () => true,
    retryWait: (retries) =>
      reconnectAtOnce ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    onNonLazyError: () => {
      // Reached when graphql-ws gives up on a close it deems final (4401 among them); after
      // a 4401 the subscriptions wait for a key and reconnect with it (client.ts).
    },
    on: {
      connecting: () => connection.lost(),
      connected: () => {
        reconnectAtOnce = false;
        connection.connected();
      },
      closed: (event) => {
        connection.lost();
        reconnectAtOnce = isUnauthorizedClose(event);
        if (reconnectAtOnce) keys.unauthorized(sentKey);
      },
    },
  });
  onKeyChange(keys, () => {
    socket.terminate();
    reconnectAtOnce = true;
  });
  return { socket, connection };
}
