import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useClient } from 'urql';
import { pipe, subscribe } from 'wonka';
import { graphql, type ResultOf } from '../graphql';
import type { LiveConnection } from '../live/connection';
import { LiveContext, useConnection, useLive } from '../live/live-context';
import type { ActivityStore } from './activity-store';
import type { ActivityEvent } from './events';

export const ActivitySubscription = graphql(`
  subscription LiveActivity {
    activity { id ts type ticketId data }
  }
`);

export const ActivityHistoryQuery = graphql(`
  query ActivityHistory($limit: Int!) {
    activity(limit: $limit) { id ts type ticketId data }
  }
`);

/** How much history to fetch on (re)connect; the API's maximum. */
export const HISTORY_LIMIT = 1000;
/** How much to fetch once the subscription is known to be live again (closes the gap). */
export const GAP_LIMIT = 200;

type WireEvent = ResultOf<typeof ActivitySubscription>['activity'];

const toEvent = (e: WireEvent): ActivityEvent => ({
  id: e.id,
  ts: e.ts,
  type: e.type,
  ticketId: e.ticketId ?? null,
  data: e.data,
});

interface Props {
  connection: LiveConnection;
  activity: ActivityStore;
  children: ReactNode;
}

/**
 * Provides the live feed's state and the activity event list, and keeps the list whole:
 * one `Subscription.activity` for the app's lifetime, plus `Query.activity` history
 * after every (re)connect, merged by event id.
 *
 * After a reconnect the history is asked for twice: at once (to show what was missed),
 * and again when the first live event arrives — by then the subscription is certainly
 * listening, so anything published between the first history read and the server
 * registering the subscription is picked up too. No timers, no polling.
 */
export function LiveProvider({ connection, activity, children }: Props) {
  const live = useMemo(() => ({ connection, activity }), [connection, activity]);
  return (
    <LiveContext.Provider value={live}>
      <ActivityFeed />
      {children}
    </LiveContext.Provider>
  );
}

function ActivityFeed() {
  const client = useClient();
  const { activity } = useLive();
  const { epoch } = useConnection();
  const gapPending = useRef(false);
  const historyFetcher = useRef<((limit: number) => void) | null>(null);

  useEffect(() => {
    let active = true;
    const fetchHistory = (limit: number) => {
      void client
        .query(ActivityHistoryQuery, { limit }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((result) => {
          if (active && result.data) activity.add(result.data.activity.map(toEvent));
        });
    };
    const { unsubscribe } = pipe(
      client.subscription(ActivitySubscription, {}),
      subscribe((result) => {
        if (!result.data) return;
        activity.add([toEvent(result.data.activity)]);
        if (gapPending.current) {
          gapPending.current = false;
          fetchHistory(GAP_LIMIT);
        }
      }),
    );
    historyFetcher.current = fetchHistory;
    return () => {
      active = false;
      historyFetcher.current = null;
      unsubscribe();
    };
  }, [client, activity]);

  // Epoch 0: the page just loaded (history over HTTP even if the socket is slow to come
  // up); every later epoch is a (re)connect.
  useEffect(() => {
    if (epoch > 0) gapPending.current = true;
    historyFetcher.current?.(HISTORY_LIMIT);
  }, [epoch]);

  return null;
}
