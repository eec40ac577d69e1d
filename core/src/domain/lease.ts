import { z } from 'zod';
import type { ProcessedTicket } from './ticket.js';

/*
 * Leased claims: an agent takes the most urgent ticket for a while (a lease) and then
 * acks it (done), releases it (back to the queue at its place) or extends the lease. A
 * lease that runs out puts the ticket back at its place too. Input rules and the
 * conflict vocabulary live here, shared by REST and GraphQL.
 */

/** A lease's length when the client names none. */
export const LEASE_SECONDS_DEFAULT = 300;
export const LEASE_SECONDS_MIN = 1;
/** One day: a claim held longer should be extended, so a vanished agent never holds it for good. */
export const LEASE_SECONDS_MAX = 86_400;
export const AGENT_MAX_LENGTH = 128;

/** C0 and C1 control characters (and DEL), as for ticket ids. */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Seconds a lease lasts from now: an integer in 1..86400, 300 when not given. */
export const leaseSecondsSchema = z.number().int().min(LEASE_SECONDS_MIN).max(LEASE_SECONDS_MAX);

/**
 * Who holds the claim, as the agent names itself (shown in the claimed list and the
 * activity events): up to 128 characters without control characters. Missing, null or
 * blank: nobody named.
 */
export const agentSchema = z
  .string()
  .max(AGENT_MAX_LENGTH)
  .refine((agent) => !CONTROL_CHARACTER.test(agent), 'must not contain control characters')
  .nullish()
  .transform((agent) => (agent?.trim() ? agent : null));

/** A claim id as the API hands it out: a random UUID. */
export const claimIdSchema = z.uuid();

/** `POST /tickets/claim`, `claimNext`: both fields optional. */
export const claimInputSchema = z.object({
  lease_seconds: leaseSecondsSchema.default(LEASE_SECONDS_DEFAULT),
  agent: agentSchema,
});

/** `POST /tickets/{ticket_id}/ack` and `/release`, `ackTicket`, `releaseTicket`. */
export const claimRefSchema = z.object({ claim_id: claimIdSchema });

/** `POST /tickets/{ticket_id}/extend`, `extendLease`: the lease then ends `lease_seconds` from now. */
export const extendInputSchema = z.object({
  claim_id: claimIdSchema,
  lease_seconds: leaseSecondsSchema.default(LEASE_SECONDS_DEFAULT),
});

export type ClaimInput = z.output<typeof claimInputSchema>;
export type ExtendInput = z.output<typeof extendInputSchema>;

/** A lease as clients see it. */
export interface Lease {
  claim_id: string;
  agent: string | null;
  /** When the ticket was claimed (ISO-8601). */
  claimed_at: string;
  /** When the lease runs out unless extended (ISO-8601). */
  lease_expires_at: string;
}

/** A claimed ticket: the processed ticket plus its lease (REST's answer to claim, ack, release, extend, and the claimed list). */
export type ClaimedTicket = ProcessedTicket & Lease;

/**
 * Why a claim id cannot ack, release or extend a ticket (409), each with its `detail`.
 * A lease that ran out is expired from its deadline on, whether or not the reaper has
 * put the ticket back yet.
 */
export const LEASE_CONFLICTS = {
  wrong: 'Wrong claim id: this ticket is not held under it',
  expired: 'Claim expired: its lease ran out and the ticket went back to the queue',
  acked: 'Claim already acked',
  released: 'Claim already released: the ticket went back to the queue',
} as const;

export type LeaseConflict = keyof typeof LEASE_CONFLICTS;

export const isLeaseConflict = (value: unknown): value is LeaseConflict => typeof value === 'string' && Object.hasOwn(LEASE_CONFLICTS, value);
