import { createClient, type Client as WsClient } from 'graphql-ws';

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

/**
 * The graphql-ws client every subscription uses. It connects at once (not lazily),
 * retries forever, and reports connected / closed / connecting to `connection`.
 */
export function createLiveSocket(url = graphqlWsUrl()): { socket: WsClient; connection: ManualConnection } {
  const connection = new ManualConnection();
  const socket = createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    // Whatever closed the socket (API restart, network), try again.
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
    onNonLazyError: () => {
      // Only reached if retrying stopped, which it never does; the header shows the state.
    },
    on: {
      connecting: () => connection.lost(),
      connected: () => connection.connected(),
      closed: () => connection.lost(),
    },
  });
  return { socket, connection };
}
