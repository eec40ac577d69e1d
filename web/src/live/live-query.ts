import type { ActivityType } from '@iq/core/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isActivityType } from './feed-event';
import { useConnection, useLive } from './live-context';

/**
 * Calls `onReconnect` after every (re)connect of the live feed that happens while the
 * caller is mounted, so a query asks again for what changed while the socket was down.
 * The mount itself does not count: `useQuery` has just asked.
 */
export function useOnReconnect(onReconnect: () => void): void {
  const { epoch } = useConnection();
  const seen = useRef(epoch);
  useEffect(() => {
    if (epoch === seen.current) return;
    seen.current = epoch;
    onReconnect();
  }, [epoch, onReconnect]);
}

/**
 * The last answer a query gave. urql drops `data` when a refetch fails; a panel keeps
 * showing what it had (next to the error) rather than going blank.
 */
export function useLastAnswer<T>(answer: T | undefined): T | undefined {
  const [last, setLast] = useState(answer);
  if (answer !== undefined && answer !== last) setLast(answer);
  return answer ?? last;
}

/** What `useLiveRefetch` reads of a query's result: each answer is a new data or error object. */
export interface QueryAnswer {
  data?: unknown;
  error?: unknown;
}

/**
 * Keeps a `useQuery` live without polling: asks again whenever an added activity event's
 * type is in `changing` (its type alone tells, so an event whose data cannot be read
 * still counts), and after every (re)connect. Returns `refresh`, for the view's own
 * actions.
 *
 * A burst of events costs at most one request in flight plus one after it. Re-executing
 * while a request is in flight would cancel it, and events steadily closer together than
 * the API answers would keep the view from ever updating. The query is taken to be in
 * flight from the mount: `useQuery` has just asked.
 */
export function useLiveRefetch(answer: QueryAnswer, reexecute: () => void, changing: ReadonlySet<ActivityType>): () => void {
  const { activity } = useLive();
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
  const { data, error } = answer;
  useEffect(() => {
    if (data === undefined && error === undefined) return;
    inFlight.current = false;
    if (again.current) ask();
  }, [data, error, ask]);

  // What is in flight was asked before the reconnect: replace it now rather than queue.
  useOnReconnect(ask);

  useEffect(
    () =>
      activity.onAdded((added) => {
        if (added.some((event) => isActivityType(event.type) && changing.has(event.type))) refresh();
      }),
    [activity, changing, refresh],
  );

  return refresh;
}
