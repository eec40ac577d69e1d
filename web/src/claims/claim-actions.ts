import type { CombinedError } from '@urql/core';
import { FORBIDDEN_MESSAGE, isForbidden } from '../auth/forbidden';
import { graphql } from '../graphql';

export const ClaimNextMutation = graphql(`
  mutation ClaimNext($agent: String, $leaseSeconds: Int!, $teams: [String!]) {
    claimNext(agent: $agent, leaseSeconds: $leaseSeconds, teams: $teams) {
      claimId
      ticketId
      agent
      leaseExpiresAt
      ticket { ticketId subject }
    }
  }
`);

export const AckTicketMutation = graphql(`
  mutation AckTicket($ticketId: ID!, $claimId: ID!) {
    ackTicket(ticketId: $ticketId, claimId: $claimId) { claimId ticketId }
  }
`);

export const ReleaseTicketMutation = graphql(`
  mutation ReleaseTicket($ticketId: ID!, $claimId: ID!) {
    releaseTicket(ticketId: $ticketId, claimId: $claimId) { claimId ticketId }
  }
`);

export const ExtendLeaseMutation = graphql(`
  mutation ExtendLease($ticketId: ID!, $claimId: ID!, $leaseSeconds: Int!) {
    extendLease(ticketId: $ticketId, claimId: $claimId, leaseSeconds: $leaseSeconds) { claimId ticketId leaseExpiresAt }
  }
`);

/** What an agent can do with a claim it sees. */
export type ClaimAction = 'ack' | 'release' | 'extend';

export interface ActionFailure {
  /** Shown where the action failed. */
  text: string;
  /** The claim no longer holds its ticket (wrong, expired, acked or released): the list is stale. */
  conflict: boolean;
}

/**
 * Why an action failed, in the API's words: a CONFLICT's message says which of wrong,
 * expired, acked or released ("Claim expired: …"); FORBIDDEN is the role message.
 */
export function actionFailure(error: CombinedError): ActionFailure {
  const conflict = error.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT');
  if (conflict) return { text: conflict.message, conflict: true };
  if (isForbidden(error)) return { text: FORBIDDEN_MESSAGE, conflict: false };
  return { text: error.graphQLErrors[0]?.message ?? error.message, conflict: false };
}
