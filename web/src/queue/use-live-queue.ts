import { QUEUE_CHANGING_EVENTS, type Category, type QueueSort } from '@iq/core/domain';
import { useQuery } from 'urql';
import { errorText } from '../auth/forbidden';
import { graphql, type ResultOf } from '../graphql';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';

export const QueuePageQuery = graphql(`
  query QueuePage($limit: Int!, $offset: Int!, $category: Category, $search: String, $sort: QueueSort!, $team: String) {
    queuePage(limit: $limit, offset: $offset, category: $category, search: $search, sort: $sort, team: $team) {
      size
      matching
      tickets {
        ticketId
        jobId
        subject
        category
        team
        urgencyScore
        urgencyExplanation
        isUrgent
        customerId
        channel
        createdAt
        processedAt
      }
    }
  }
`);

export type QueuePage = ResultOf<typeof QueuePageQuery>['queuePage'];

/**
 * Tickets per page. A page is what the API reads and the page renders on every change,
 * so during a burst it stays small; the exact size comes with it.
 */
export const QUEUE_PAGE_SIZE = 50;

/** GraphQL's names of the categories and sorts (the enum keys), as the API expects them in variables. */
export type CategoryName = Uppercase<Category>;
export type SortName = Uppercase<QueueSort>;

/** What the agent asked to see: a filter, an order, a page (0-based). */
export interface QueueViewState {
  category: CategoryName | null;
  search: string;
  sort: SortName;
  page: number;
}

export const DEFAULT_VIEW: QueueViewState = { category: null, search: '', sort: 'URGENCY', page: 0 };

export interface LiveQueue {
  /** null until the first answer; while a refetch fails, the last answer. */
  page: QueuePage | null;
  error: string | null;
  /** Asks for the page again (coalesced: at most one request in flight, one queued). */
  refresh: () => void;
}

/**
 * One page of the processed queue as the agent views it (of one team's queue when `team`
 * is set, else of every team's), asked for on mount, on every
 * (re)connect, when the view changes, and whenever an activity event says the queue
 * changed (`QUEUE_CHANGING_EVENTS`). Event-driven: no timers, no polling; a burst of
 * events costs at most one request in flight plus one after it (`useLiveRefetch`).
 */
export function useLiveQueue(view: QueueViewState, team: string | null = null): LiveQueue {
  const [result, reexecute] = useQuery({
    query: QueuePageQuery,
    variables: {
      limit: QUEUE_PAGE_SIZE,
      offset: view.page * QUEUE_PAGE_SIZE,
      category: view.category,
      search: view.search || null,
      sort: view.sort,
      team,
    },
    requestPolicy: 'network-only',
  });
  const refresh = useLiveRefetch(result, reexecute, QUEUE_CHANGING_EVENTS);
  const page = useLastAnswer(result.data?.queuePage) ?? null;
  return { page, error: result.error ? errorText(result.error) : null, refresh };
}
