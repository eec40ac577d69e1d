import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';
import { arrivalSeq } from '../domain/urgency-override.js';

/** A ticket id's owner record: `<team>|<seq>|<reserved at, ms>` (see reserve-owners-2.lua). */
export interface OwnerRecord {
  raw: string;
  team: string;
  seq: string;
  reservedAt: number;
}

export function parseOwner(raw: string): OwnerRecord {
  const [team = '', seq = '', at = '0'] = raw.split('|');
  return { raw, team, seq, reservedAt: Number(at) };
}

/** The arrival seq a job id ends with (`<url-safe ticket id>~<seq>`, see claim-tickets-8.lua). */
export const seqOfJob = (jobId: string) => String(arrivalSeq(jobId));

/** What reserving one ticket id answered: its seq, and the record of another team that owns the id, if one does. */
export interface Reservation {
  seq: string;
  other: OwnerRecord | null;
}

/**
 * Which team's claim each ticket id was last given to: the deployment-wide index that
 * keeps duplicate detection working across teams, whose claims live in different slots.
 *
 * It is one hash in one slot, written once per submission and once per pop: on a
 * cluster that shard takes one small write per ticket on top of its share of the
 * teams. A deployment that outgrows it can split it by ticket-id hash into N hashes
 * (N tags), the reservation and the forgetting each touch one of them.
 *
 * It is a hint checked against the teams' own claims, never trusted alone: a record
 * whose team holds no claim (a process died between the two steps) is taken over once it
 * is older than the grace period (by Redis' clock), and every change is a
 * compare-and-set. Taking over is safe even when the record's submission was only slow:
 * asking its team fenced the id there at the asker's seq, so that late claim is refused
 * (claim-tickets-8.lua) and its submission reserves again.
 */
export class ClaimOwners {
  private readonly run: RunScript;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {
    this.run = scriptRunner(redis);
  }

  /** Reserves each id for its team (see reserve-owners-2.lua); one round trip for a batch. */
  async reserve(entries: { ticketId: string; team: string; seq?: string }[]): Promise<Reservation[]> {
    if (entries.length === 0) return [];
    const flat = await this.run(
      'reserveOwners',
      [this.keys.claimOwners, this.keys.seq],
      entries.flatMap((e) => [e.ticketId, e.team, e.seq ?? '']),
    );
    return entries.map((_, i) => ({ other: flat[i * 2] ? parseOwner(flat[i * 2]!) : null, seq: String(flat[i * 2 + 1]) }));
  }

  /**
   * Takes another team's record over for `team` and `seq` (see replace-owner-1.lua): true
   * when it was still `record.raw` and at least `minAgeMs` old.
   */
  async takeOver(ticketId: string, record: OwnerRecord, team: string, seq: string, minAgeMs: number): Promise<boolean> {
    return (await this.run('replaceOwner', [this.keys.claimOwners], [ticketId, record.raw, `${team}|${seq}`, minAgeMs])) === 1;
  }

  /** Forgets the record of a claim that ended (its team and its job's seq), never a newer one. */
  async forget(ticketId: string, team: string, jobId: string): Promise<void> {
    await this.run('replaceOwner', [this.keys.claimOwners], [ticketId, `${team}|${seqOfJob(jobId)}|`, '', 0]);
  }

  /** The team the id was last given to, if any. */
  async teamOf(ticketId: string): Promise<string | null> {
    const raw = await this.redis.hget(this.keys.claimOwners, ticketId);
    return raw === null ? null : parseOwner(raw).team;
  }
}
