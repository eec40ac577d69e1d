import { QUEUE_CHANGING_EVENTS } from '@iq/core/domain';
import { useCallback, useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../auth/forbidden';
import { graphql, type ResultOf } from '../graphql';
import { isActivityType, type FeedEvent } from '../live/feed-event';
import { useLive } from '../live/live-context';
import { useLastAnswer, useOnReconnect } from '../live/live-query';

export const QueueQuery = graphql(`
  query Queue($limit: Int!) {
    queue(limit: $limit) {
      ticketId
      jobId
      subject
      category
      urgencyScore
      urgencyExplanation
      isUrgent
      customerId
      channel
      createdAt
      processedAt
    }
  }
`);

export type QueueTicket = ResultOf<typeof QueueQuery>['queue'][number];

export const QUEUE_LIMIT = 1000;

export interface LiveQueue {
  /** null until the first answer; while a refetch fails, the last answer. */
  tickets: QueueTicket[] | null;
  error: string | null;
  /** Asks for the queue again (coalesced: at most one request in flight, one queued). */
  refresh: () => void;
}

/** Whether an event says the queue changed. Its type alone tells, so it counts even when its data is unreadable. */
const changesQueue = (event: FeedEvent): boolean => isActivityType(event.type) && QUEUE_CHANGING_EVENTS.has(event.type);

/**
 * The processed queue in pop order, asked for on mount, on every (re)connect, and
 * whenever an activity event says it changed. Event-driven: no timers, no polling.
 *
 * A burst of events costs at most one request in flight plus one after it. Re-executing
 * while a request is in flight would cancel it, and events steadily closer together than
 * the API answers would keep the queue from ever updating.
 */
export function useLiveQueue(): LiveQueue {
  const { activity } = useLive();
  const [result, reexecute] = useQuery({
    query: QueueQuery,
    variables: { limit: QUEUE_LIMIT },
    requestPolicy: 'network-only',
  });
  const inFlight = useRef(true);
  const again = useRef(false);

  const ask = useCallback(() => {
    inFlight.current = true;
    again.current = false;
    reexecute();
  }, [reexecute]);

  const refresh = useCallback(() => {
    if (inFlight.current) again.current = true;
    else ask();
  }, [ask]);

  // Each answer is a new data or error object, so this runs once per answer, however
  // React batches the renders around it.
  useEffect(() => {
    if (result.data === undefined && result.error === undefined) return;
    inFlight.current = false;
    if (again.current) ask();
  }, [result.data, result.error, ask]);

  // What is in flight was asked before the reconnect: replace it now rather than queue.
  useOnReconnect(ask);

  useEffect(
    () =>
      activity.onAdded((added) => {
        if (added.some(changesQueue)) refresh();
      }),
    [activity, refresh],
  );

  const tickets = useLastAnswer(result.data?.queue) ?? null;
  return { tickets, error: result.error ? errorText(result.error) : null, refresh };
}
