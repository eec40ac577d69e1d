import { CLAIM_CHANGING_EVENTS, PAGE_MAX_LIMIT } from '@iq/core/domain';
import { useQuery } from 'urql';
import { errorText } from '../auth/forbidden';
import { graphql, type ResultOf } from '../graphql';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';

export const ClaimedQuery = graphql(`
  query Claimed($limit: Int!) {
    claimed(limit: $limit) {
      claimId
      ticketId
      agent
      claimedAt
      leaseExpiresAt
      ticket { ticketId subject category urgencyScore }
    }
  }
`);

export type ClaimedTicket = ResultOf<typeof ClaimedQuery>['claimed'][number];

/** The most claims one request lists (the API's page limit). */
export const CLAIMED_LIMIT = PAGE_MAX_LIMIT;

export interface LiveClaims {
  /** Soonest lease end first; null until the first answer; while a refetch fails, the last answer. */
  claims: ClaimedTicket[] | null;
  error: string | null;
  /** Asks for the claims again (coalesced: at most one request in flight, one queued). */
  refresh: () => void;
}

/**
 * The claimed tickets, asked for on mount, on every (re)connect, and whenever an activity
 * event says a claim changed (`CLAIM_CHANGING_EVENTS`: claimed, extended, acked,
 * released, expired). No polling: the ticking times are drawn locally.
 */
export function useLiveClaims(): LiveClaims {
  const [result, reexecute] = useQuery({
    query: ClaimedQuery,
    variables: { limit: CLAIMED_LIMIT },
    requestPolicy: 'network-only',
  });
  const refresh = useLiveRefetch(result, reexecute, CLAIM_CHANGING_EVENTS);
  const claims = useLastAnswer(result.data?.claimed) ?? null;
  return { claims, error: result.error ? errorText(result.error) : null, refresh };
}
