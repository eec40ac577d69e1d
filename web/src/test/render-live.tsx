import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { ActivityStore } from '../activity/activity-store';
import { LiveProvider } from '../activity/LiveProvider';
import { ManualConnection } from '../live/connection';
import { cannedClient, type Handler } from './canned-client';

/** Renders `ui` inside a canned urql client and the live providers. */
export function renderLive(ui: ReactNode, handlers: Record<string, Handler> = {}) {
  const canned = cannedClient({ ActivityHistory: () => ({ data: { activity: [] } }), ...handlers });
  const connection = new ManualConnection();
  const activity = new ActivityStore();
  const view = render(
    <Provider value={canned.client}>
      <LiveProvider connection={connection} activity={activity}>
        {ui}
      </LiveProvider>
    </Provider>,
  );
  const callsOf = (name: string) => canned.calls.filter((c) => c.name === name);
  return { ...view, canned, connection, activity, callsOf };
}
