import { PAGE_MAX_LIMIT, QUEUE_CHANGING_EVENTS } from '@iq/core/domain';
import { useQuery } from 'urql';
import { errorText } from '../auth/forbidden';
import { graphql, type ResultOf } from '../graphql';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';

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

/** The most the API lists in one page. */
export const QUEUE_LIMIT = PAGE_MAX_LIMIT;

export interface LiveQueue {
  /** null until the first answer; while a refetch fails, the last answer. */
  tickets: QueueTicket[] | null;
  error: string | null;
  /** Asks for the queue again (coalesced: at most one request in flight, one queued). */
  refresh: () => void;
}

/**
 * The processed queue in pop order, asked for on mount, on every (re)connect, and
 * whenever an activity event says it changed (`QUEUE_CHANGING_EVENTS`: processing, pops,
 * clears, overrides, and the claims that take a ticket out or put it back). Event-driven:
 * no timers, no polling; a burst of events costs at most one request in flight plus one
 * after it (`useLiveRefetch`).
 */
export function useLiveQueue(): LiveQueue {
  const [result, reexecute] = useQuery({
    query: QueueQuery,
    variables: { limit: QUEUE_LIMIT },
    requestPolicy: 'network-only',
  });
  const refresh = useLiveRefetch(result, reexecute, QUEUE_CHANGING_EVENTS);
  const tickets = useLastAnswer(result.data?.queue) ?? null;
  return { tickets, error: result.error ? errorText(result.error) : null, refresh };
}
