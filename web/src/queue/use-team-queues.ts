import { QUEUE_CHANGING_EVENTS, type ActivityType } from '@iq/core/domain';
import { useQuery } from 'urql';
import { graphql, type ResultOf } from '../graphql';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';

export const TeamQueuesQuery = graphql(`
  query TeamQueues {
    teamQueues { team size waiting active failed }
  }
`);

export type TeamQueue = ResultOf<typeof TeamQueuesQuery>['teamQueues'][number];

/**
 * What changes a team's counts: its queue (as for the page) and its triage jobs (a ticket
 * accepted waits, a failed one counts, a retried one waits again).
 */
export const TEAM_QUEUES_CHANGING_EVENTS: ReadonlySet<ActivityType> = new Set<ActivityType>([
  ...QUEUE_CHANGING_EVENTS,
  'ticket_accepted',
  'ticket_failed',
  'ticket_retried',
]);

/**
 * Each team queue with its counts (TEAM_QUEUES order), asked for on mount, after every
 * (re)connect and when an event says they changed, spaced as the queue page is
 * (`useLiveRefetch`): never on a timer. null until the API answers, and for an API
 * without team queues (or a key that may not read them): the panel then offers no team.
 */
export function useTeamQueues(): readonly TeamQueue[] | null {
  const [result, reexecute] = useQuery({ query: TeamQueuesQuery, requestPolicy: 'network-only' });
  useLiveRefetch(result, reexecute, TEAM_QUEUES_CHANGING_EVENTS);
  return useLastAnswer(result.data?.teamQueues) ?? null;
}
