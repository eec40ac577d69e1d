import { useEffect, useRef } from 'react';
import { useClient, useQuery } from 'urql';
import { pipe, subscribe } from 'wonka';
import { graphql } from '../graphql';
import type { ActivityStore } from './activity-store';
import { readFeedEvent, type FeedEvent, type WireEvent } from './feed-event';
import { createFrameBatcher, nextFrame, type FrameScheduler } from './frame-batcher';
import { useConnection } from './live-context';
import { useOnReconnect } from './live-query';

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

/**
 * Keeps `activity` whole: one `Subscription.activity` for the app's lifetime, plus
 * `Query.activity` history on load and after every (re)connect, merged by event id.
 *
 * After a reconnect the history is asked for twice: at once (to show what was missed),
 * and again when the first live event arrives — by then the subscription is certainly
 * listening, so anything published between the first history read and the server
 * registering the subscription is picked up too. No timers, no polling.
 */
export function useActivityFeed(activity: ActivityStore, schedule: FrameScheduler = nextFrame): void {
  const client = useClient();
  const { epoch } = useConnection();
  const [history, refetchHistory] = useQuery({
    query: ActivityHistoryQuery,
    variables: { limit: HISTORY_LIMIT },
    requestPolicy: 'network-only',
  });
  const [gap, fetchGap] = useQuery({
    query: ActivityHistoryQuery,
    variables: { limit: GAP_LIMIT },
    requestPolicy: 'network-only',
    pause: true,
  });
  // Epoch 0: the page just loaded, and the history goes over HTTP even if the socket is
  // slow to come up; any later epoch is a connect whose subscribe gap must be closed.
  const gapPending = useRef(epoch > 0);

  useAddToStore(activity, history.data?.activity);
  useAddToStore(activity, gap.data?.activity);

  useOnReconnect(() => {
    gapPending.current = true;
    refetchHistory();
  });

  useEffect(() => {
    // One store update per frame, however many events a burst brings (see frame-batcher).
    const batcher = createFrameBatcher<FeedEvent>((events) => activity.add(events), schedule);
    // Subscribed by hand, not with useSubscription: every event must reach the store, and
    // a hook's state would keep only the last of events that arrive in one render batch.
    const { unsubscribe } = pipe(
      client.subscription(ActivitySubscription, {}),
      subscribe((result) => {
        if (!result.data) return;
        batcher.push(readFeedEvent(result.data.activity));
        if (gapPending.current) {
          gapPending.current = false;
          fetchGap();
        }
      }),
    );
    return () => {
      unsubscribe();
      batcher.dispose();
    };
  }, [client, activity, fetchGap, schedule]);
}

function useAddToStore(activity: ActivityStore, answer: readonly WireEvent[] | undefined): void {
  useEffect(() => {
    if (answer) activity.add(answer.map(readFeedEvent));
  }, [activity, answer]);
}
