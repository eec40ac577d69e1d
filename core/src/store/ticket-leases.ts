import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { eventArgs } from '../activity/activity.js';
import { ConflictError } from '../domain/errors.js';
import { LEASE_CONFLICTS, isLeaseConflict, type ClaimInput, type ClaimedTicket, type Lease } from '../domain/lease.js';
import type { ProcessedTicket } from '../domain/ticket.js';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type HeadRefusal, type RunScript } from '../redis/scripts.js';
import { refusalOf, type Conditional } from './ticket-store.js';

/** How long an ended claim is remembered, so a late ack hears "expired" or "already acked" rather than "wrong". */
export const ENDED_CLAIMS_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Most ended claims remembered (the oldest go first past it). */
export const ENDED_CLAIMS_MAX = 100_000;
/** Most leases one reaper step expires (one Lua call); a pass takes as many steps as it needs. */
export const REAP_BATCH = 100;

/** A lease as the scripts keep it: with the ticket's queue score, exactly as Redis printed it. */
interface StoredLease extends Lease {
  score: string;
}

const claimedTicket = (ticketJson: string, leaseJson: string): ClaimedTicket => {
  const { claim_id, agent, claimed_at, lease_expires_at } = JSON.parse(leaseJson) as StoredLease;
  return { ...(JSON.parse(ticketJson) as ProcessedTicket), claim_id, agent, claimed_at, lease_expires_at };
};

/**
 * Leased claims: an agent claims the most urgent ticket for `lease_seconds`, then acks
 * it (done: its id is free again), releases it (back at exactly its place in the queue)
 * or extends the lease; a lease that runs out puts the ticket back at its place too (the
 * reaper, or any touch of its claim past the deadline). Every step is one Lua script, so
 * a ticket is never held by two agents nor acked twice.
 *
 * Time is the caller's clock (`now`, ms), as for the pending claims: the API sets a
 * deadline, the API and the workers judge it, each step atomically. Hosts whose clocks
 * differ by δ move a lease's end by δ, never break the guarantees above.
 */
export class TicketLeases {
  private readonly run: RunScript;
  private readonly ended: string;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly activityMaxlen: number,
  ) {
    this.run = scriptRunner(redis);
    this.ended = keys.endedClaims;
  }

  /**
   * Claims the most urgent ticket for `input.lease_seconds`; null when the queue is
   * empty. Records `ticket_claimed`. See claim-next-6.lua.
   */
  async claimNext(input: ClaimInput, now = Date.now()): Promise<ClaimedTicket | null> {
    const answer = await this.claimIf(input, now, '', '0');
    return 'taken' in answer ? answer.taken : null;
  }

  /** Claims as claimNext, only while the most urgent is the compared ticket or one scored at least `floor` (see claim-next-6.lua). */
  async claimIf(input: ClaimInput, now: number, expectedHead: string, floor: string): Promise<Conditional<ClaimedTicket>> {
    const k = this.keys;
    const deadline = now + input.lease_seconds * 1000;
    const answer = await this.run(
      'claimNext',
      [k.processedIndex, k.processedTickets, k.claims, k.claimed, k.leases, k.activity],
      [...this.eventArgs(now), randomUUID(), input.agent ?? '', deadline, new Date(deadline).toISOString(), expectedHead, floor],
    );
    if (answer === null || answer[0] === '') return expectedHead === '' ? { head: null } : refusalOf(answer as HeadRefusal | null);
    return { taken: claimedTicket(answer[0], answer[1]!) };
  }

  /** Acks a claimed ticket (its id is free again); records `ticket_acked`. ConflictError when the claim does not hold it. */
  async ack(ticketId: string, claimId: string, now = Date.now()): Promise<ClaimedTicket> {
    const k = this.keys;
    return this.settled(
      await this.run(
        'ackLease',
        [k.processedIndex, k.processedTickets, k.claims, k.claimed, k.leases, this.ended, k.activity],
        [...this.eventArgs(now), ticketId, claimId, now, ENDED_CLAIMS_RETENTION_MS, ENDED_CLAIMS_MAX],
      ),
    );
  }

  /** Puts a claimed ticket back at its place; records `ticket_released`. ConflictError when the claim does not hold it. */
  async release(ticketId: string, claimId: string, now = Date.now()): Promise<ClaimedTicket> {
    return this.settled(await this.run('releaseLease', this.leaseKeys(), [...this.eventArgs(now), ticketId, claimId, now, ENDED_CLAIMS_RETENTION_MS, ENDED_CLAIMS_MAX]));
  }

  /** The lease now ends `leaseSeconds` from now; records `lease_extended`. ConflictError when the claim does not hold the ticket. */
  async extend(ticketId: string, claimId: string, leaseSeconds: number, now = Date.now()): Promise<ClaimedTicket> {
    const deadline = now + leaseSeconds * 1000;
    return this.settled(
      await this.run('extendLease', this.leaseKeys(), [
        ...this.eventArgs(now),
        ticketId,
        claimId,
        now,
        ENDED_CLAIMS_RETENTION_MS,
        ENDED_CLAIMS_MAX,
        deadline,
        new Date(deadline).toISOString(),
      ]),
    );
  }

  /**
   * Puts the tickets whose lease ran out by `now` back at their place (up to `limit`,
   * earliest deadline first), each with `claim_expired`; returns their ids. One Lua step,
   * safe with any number of reapers. See reap-leases-6.lua.
   */
  async reapExpired(now = Date.now(), limit = REAP_BATCH): Promise<string[]> {
    return this.run('reapLeases', this.leaseKeys(), [...this.eventArgs(now), now, ENDED_CLAIMS_RETENTION_MS, ENDED_CLAIMS_MAX, limit]);
  }

  /** One page of the claimed tickets, soonest deadline first, with how many are claimed. */
  async list(offset: number, limit: number): Promise<{ size: number; claims: ClaimedTicket[] }> {
    const k = this.keys;
    const [size, ...rows] = await this.run('listLeases', [k.claimed, k.leases, k.processedTickets], [offset, limit]);
    const claims: ClaimedTicket[] = [];
    for (let i = 0; i + 1 < rows.length; i += 2) claims.push(claimedTicket(rows[i]!, rows[i + 1]!));
    return { size, claims };
  }

  /** How many tickets are claimed now. */
  async count(): Promise<number> {
    return this.redis.zcard(this.keys.claimed);
  }

  private settled([status, ticketJson, leaseJson]: string[]): ClaimedTicket {
    if (status === 'ok' && ticketJson && leaseJson) return claimedTicket(ticketJson, leaseJson);
    if (isLeaseConflict(status)) throw new ConflictError(LEASE_CONFLICTS[status], status);
    throw new Error(`lease script answered ${JSON.stringify([status, ticketJson, leaseJson])}`);
  }

  private leaseKeys(): [string, string, string, string, string, string] {
    const k = this.keys;
    return [k.processedIndex, k.processedTickets, k.claimed, k.leases, this.ended, k.activity];
  }

  private eventArgs(now: number) {
    return eventArgs(this.keys, this.activityMaxlen, new Date(now).toISOString());
  }
}
