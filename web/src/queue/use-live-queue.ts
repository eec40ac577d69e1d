import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { errorText } from '../auth/forbidden';
import { graphql, type ResultOf } from '../graphql';
import { useConnection, useLive } from '../live/live-context';

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

/** Activity event types after which the queue is asked for again. */
export const QUEUE_CHANGING_EVENTS = new Set(['ticket_processed', 'ticket_popped', 'queue_cleared', 'urgency_overridden']);

export interface LiveQueue {
  /** null until the first answer. */
  tickets: QueueTicket[] | null;
  error: string | null;
  /** Asks for the queue again (coalesced: at most one request in flight, one queued). */
  refresh: () => void;
}

/**
 * The processed queue in pop order, asked for on mount, on every (re)connect, and
 * whenever an activity event says it changed. Event-driven: no timers, no polling. A
 * burst of events costs at most one request in flight plus one after it.
 */
export function useLiveQueue(): LiveQueue {
  const client = useClient();
  const { activity } = useLive();
  const { epoch } = useConnection();
  const [state, setState] = useState<{ tickets: QueueTicket[] | null; error: string | null }>({
    tickets: null,
    error: null,
  });
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    void client
      .query(QueueQuery, { limit: QUEUE_LIMIT }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!mounted.current) return;
        if (result.data) setState({ tickets: result.data.queue, error: null });
        else if (result.error) setState((s) => ({ ...s, error: errorText(result.error!) }));
      })
      .finally(() => {
        inFlight.current = false;
        if (again.current && mounted.current) {
          again.current = false;
          refresh();
        }
      });
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => refresh(), [refresh, epoch]);

  useEffect(
    () =>
      activity.onAdded((added) => {
        if (added.some((e) => QUEUE_CHANGING_EVENTS.has(e.type))) refresh();
      }),
    [activity, refresh],
  );

  return { ...state, refresh };
}
