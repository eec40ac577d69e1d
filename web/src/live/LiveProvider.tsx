import { useMemo, type ReactNode } from 'react';
import type { ActivityStore } from './activity-store';
import { useActivityFeed } from './activity-feed';
import type { LiveConnection } from './connection';
import { LiveContext, useLive } from './live-context';

interface Props {
  connection: LiveConnection;
  activity: ActivityStore;
  children: ReactNode;
}

/** Provides the live feed's state and the activity event list, and keeps the list whole. */
export function LiveProvider({ connection, activity, children }: Props) {
  const live = useMemo(() => ({ connection, activity }), [connection, activity]);
  return (
    <LiveContext.Provider value={live}>
      <ActivityFeed />
      {children}
    </LiveContext.Provider>
  );
}

/** The feed reads the connection from the context, so it runs inside the provider. */
function ActivityFeed() {
  useActivityFeed(useLive().activity);
  return null;
}
