import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { ApiKeyContext } from '../auth/api-key-context';
import { ApiKeyStore } from '../auth/api-key-store';
import { ActivityStore } from '../live/activity-store';
import { ManualConnection } from '../live/connection';
import { LiveProvider } from '../live/LiveProvider';
import { cannedClient, type Handler } from './canned-client';
import { nextFrame } from '../live/frame-batcher';
import { REFETCH_MIN_INTERVAL_MS } from '../live/live-query';

/** A key store on its own in-memory storage: tests never share a key through sessionStorage. */
export function memoryKeyStore(initial?: string): ApiKeyStore {
  const items = new Map<string, string>();
  const store = new ApiKeyStore({
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  });
  if (initial) store.accept(initial);
  return store;
}

/** Renders `ui` inside a canned urql client, the live providers and an API key store. */
export function renderLive(ui: ReactNode, handlers: Record<string, Handler> = {}, keys = memoryKeyStore()) {
  const canned = cannedClient({ ActivityHistory: () => ({ data: { activity: [] } }), ...handlers });
  const connection = new ManualConnection();
  const activity = new ActivityStore();
  const view = render(
    <ApiKeyContext.Provider value={{ keys, check: async () => 'accepted' }}>
      <Provider value={canned.client}>
        <LiveProvider connection={connection} activity={activity}>
          {ui}
        </LiveProvider>
      </Provider>
    </ApiKeyContext.Provider>,
  );
  const callsOf = (name: string) => canned.calls.filter((c) => c.name === name);
  return { ...view, canned, connection, activity, keys, callsOf };
}

/** Resolves after the next frame, when live events pushed before it have reached the store. */
export const afterFrame = () => new Promise<void>((resolve) => nextFrame(resolve));

/**
 * Waits past the least spacing of live refetches (REFETCH_MIN_INTERVAL_MS): a refetch that
 * should not happen would have been sent by then, so "not asked again" can be checked.
 */
export const pastRefetchSpacing = () => new Promise<void>((resolve) => setTimeout(resolve, REFETCH_MIN_INTERVAL_MS + 50));
