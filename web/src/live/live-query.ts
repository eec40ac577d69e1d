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

/** The least time between two refetches of a live query. */
export const REFETCH_MIN_INTERVAL_MS = 400;

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
export function useLiveRefetch(
  answer: QueryAnswer,
  reexecute: () => void,
  changing: ReadonlySet<ActivityType>,
  minIntervalMs = REFETCH_MIN_INTERVAL_MS,
): () => void {
  const { activity } = useLive();
  const inFlight = useRef(true);
  const again = useRef(false);
  // `useQuery` asks on mount: that is the first ask (set by the effect below).
  const lastAsked = useRef(0);
  const waiting = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const ask = useCallback(() => {
    clearTimeout(waiting.current);
    waiting.current = undefined;
    inFlight.current = true;
    again.current = false;
    lastAsked.current = Date.now();
    reexecute();
  }, [reexecute]);

  // Asks at most once per `minIntervalMs`: during a burst the view is refreshed a few
  // times a second, not as fast as the API can answer (each answer is a render).
  const askSoon = useCallback(() => {
    const wait = minIntervalMs - (Date.now() - lastAsked.current);
    if (wait <= 0) ask();
    else waiting.current ??= setTimeout(ask, wait);
  }, [ask, minIntervalMs]);

  const refresh = useCallback(() => {
    if (inFlight.current || waiting.current !== undefined) again.current = true;
    else askSoon();
  }, [askSoon]);

  useEffect(() => {
    lastAsked.current = Date.now();
    return () => {
      clearTimeout(waiting.current);
      waiting.current = undefined;
    };
  }, []);

  // Each answer is a new data or error object, so this runs once per answer, however
  // React batches the renders around it.
  const { data, error } = answer;
  useEffect(() => {
    if (data === undefined && error === undefined) return;
    inFlight.current = false;
    if (again.current) askSoon();
  }, [data, error, askSoon]);

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
