import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ActivityStore } from './activity-store';
import type { ConnectionSnapshot, LiveConnection } from './connection';
import type { FeedEvent } from './feed-event';

export interface Live {
  connection: LiveConnection;
  activity: ActivityStore;
}

export const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive() needs a <LiveProvider>');
  return live;
}

/** The live feed's state and connection epoch; re-renders when either changes. */
export function useConnection(): ConnectionSnapshot {
  const { connection } = useLive();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

/** Every known activity event, newest first. */
export function useActivityEvents(): FeedEvent[] {
  const { activity } = useLive();
  return useSyncExternalStore(activity.subscribe, activity.getSnapshot);
}
