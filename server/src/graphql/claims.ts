import { z } from 'zod';
import {
  AGENT_MAX_LENGTH,
  LEASE_SECONDS_DEFAULT,
  LEASE_SECONDS_MAX,
  PAGE_DEFAULT_LIMIT,
  claimInputSchema,
  claimRefSchema,
  extendInputSchema,
  pageLimitSchema,
  pageOffsetSchema,
  type ClaimedTicket,
} from '@iq/core/domain';
import { builder } from './builder.js';
import { conflictsRendered } from './domain-errors.js';
import { parseInput } from './input-validation.js';
import { spend } from './spend.js';
import { TicketRef } from './ticket.js';
import { TEAMS_ARG, askedTeams } from './teams.js';

const ClaimRef = builder.objectRef<ClaimedTicket>('Claim').implement({
  description:
    'A ticket an agent holds under a lease: ack it when done, release it to put it back at its place, or extend the ' +
    'lease before it runs out (then the ticket goes back at its place by itself, with claim_expired).',
  fields: (t) => ({
    claimId: t.exposeID('claim_id', { description: 'What ackTicket, releaseTicket and extendLease need.' }),
    ticketId: t.exposeID('ticket_id'),
    agent: t.exposeString('agent', { nullable: true, description: 'Who holds it, as named when claiming.' }),
    claimedAt: t.exposeString('claimed_at'),
    leaseExpiresAt: t.exposeString('lease_expires_at', { description: 'When the lease runs out unless extended.' }),
    ticket: t.field({ type: TicketRef, resolve: (claim) => claim }),
  }),
});

const pageArgs = z.object({ limit: pageLimitSchema, offset: pageOffsetSchema });
const CONFLICT =
  'A claim id that does not hold the ticket is a CONFLICT error whose extensions.reason says why: wrong, expired, acked or released.';

builder.queryFields((t) => ({
  claimed: t.field({
    authScopes: { 'queue:read': true },
    type: [ClaimRef],
    description: 'The claimed tickets, soonest lease end first (a lease past its end is listed until the reaper puts its ticket back).',
    args: {
      limit: t.arg.int({ defaultValue: PAGE_DEFAULT_LIMIT }),
      offset: t.arg.int({ defaultValue: 0 }),
    },
    resolve: async (_root, args, { services }) => {
      const { limit, offset } = parseInput(pageArgs, args, []);
      return (await services.views.leases(offset, limit)).claims;
    },
  }),
}));

builder.mutationFields((t) => ({
  claimNext: t.field({
    authScopes: { 'queue:pop': true },
    type: ClaimRef,
    nullable: true,
    description:
      `Takes the most urgent ticket out of the queue under a lease of leaseSeconds (1–${LEASE_SECONDS_MAX}) for agent ` +
      `(optional, up to ${AGENT_MAX_LENGTH} characters); null when the queue is empty. Its ticket id stays taken until the ack. ` +
      "With teams, the most urgent among those teams' heads, as popNext.",
    args: {
      leaseSeconds: t.arg.int({ defaultValue: LEASE_SECONDS_DEFAULT }),
      agent: t.arg.string(),
      teams: t.arg.stringList(TEAMS_ARG),
    },
    resolve: async (_root, args, { services, access }) => {
      const input = parseInput(claimInputSchema, { lease_seconds: args.leaseSeconds ?? undefined, agent: args.agent }, []);
      await spend(access, 'pop');
      return services.tickets.claimNext(input, askedTeams(args.teams, services));
    },
  }),
  ackTicket: t.field({
    authScopes: { 'queue:pop': true },
    type: ClaimRef,
    description: `Done with a claimed ticket: it is removed for good and its id is free again. ${CONFLICT}`,
    args: { ticketId: t.arg.id({ required: true }), claimId: t.arg.id({ required: true }) },
    resolve: (_root, args, { services }) => {
      const { claim_id } = parseInput(claimRefSchema, { claim_id: args.claimId }, []);
      return conflictsRendered(services.tickets.ack(args.ticketId, claim_id));
    },
  }),
  releaseTicket: t.field({
    authScopes: { 'queue:pop': true },
    type: ClaimRef,
    description: `Gives a claimed ticket back: it returns to the queue at exactly its place (same S, same arrival order). ${CONFLICT}`,
    args: { ticketId: t.arg.id({ required: true }), claimId: t.arg.id({ required: true }) },
    resolve: (_root, args, { services }) => {
      const { claim_id } = parseInput(claimRefSchema, { claim_id: args.claimId }, []);
      return conflictsRendered(services.tickets.release(args.ticketId, claim_id));
    },
  }),
  extendLease: t.field({
    authScopes: { 'queue:pop': true },
    type: ClaimRef,
    description: `The lease now ends leaseSeconds (1–${LEASE_SECONDS_MAX}) from now; one that ran out cannot be extended. ${CONFLICT}`,
    args: {
      ticketId: t.arg.id({ required: true }),
      claimId: t.arg.id({ required: true }),
      leaseSeconds: t.arg.int({ defaultValue: LEASE_SECONDS_DEFAULT }),
    },
    resolve: (_root, args, { services }) => {
      const input = parseInput(extendInputSchema, { claim_id: args.claimId, lease_seconds: args.leaseSeconds ?? undefined }, []);
      return conflictsRendered(services.tickets.extend(args.ticketId, input.claim_id, input.lease_seconds));
    },
  }),
}));
