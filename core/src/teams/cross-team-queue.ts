import type { AcceptedTicket, ProcessedTicket } from '../domain/ticket.js';
import type { ClaimInput, ClaimedTicket } from '../domain/lease.js';
import type { UrgencyOverrideInput } from '../domain/urgency-override.js';
import type { Claim, ClaimRequest, Conditional, QueueHead } from '../store/ticket-store.js';
import type { QueuedTicket } from '../store/queue-reader.js';
import { ConflictError } from '../domain/errors.js';
import type { Team, TeamSet } from './team-set.js';

/** A claim, with the team whose claim it is. */
export type TeamClaim = Claim & { team: string };

/**
 * How long an owner record may point at a team that holds no claim before another team
 * takes the id over: the time between a submission's two steps (reserve, then claim),
 * with a wide margin. Within it, a submission routed elsewhere waits for the claim; a
 * submission slower than that is refused by the fence and reserves again.
 */
export const OWNER_GRACE_MS = 2_000;
const OWNER_WAIT_MS = 25;

/**
 * Pops compare the teams' heads and then pop the winner's team only if its head is still
 * the compared ticket, or one scored at least as the other teams' best head was; a pop
 * that lost that race compares again. After this many rounds (only under a storm of pops
 * on the same teams) it takes the head of the team that was ahead, unconditionally.
 */
const COMPARE_ROUNDS = 64;
/** Tries between reads of every team's head: the others' heads change too (pops, new tickets). */
const REREAD_EVERY = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The processed queue across teams: claims routed to teams with duplicate detection
 * across them, the most urgent of several teams popped or claimed, and a ticket found
 * wherever its team is.
 *
 * Within a team every step is one Lua script, as on one queue. Across teams the
 * guarantee is "most urgent as of the comparison": the heads are read, the winner is
 * taken only if it is still its team's head, and a ticket is handed out exactly once.
 * Scores compare across teams because the arrival order is deployment-wide.
 */
export class CrossTeamQueue {
  constructor(readonly teams: TeamSet) {}

  /**
   * Claims each ticket id in its team, or finds the claim another team holds (a
   * duplicate), in request order. Teams are claimed in parallel, each atomically.
   *
   * Each round reserves the ids (claim-owner records, and arrival numbers), then asks
   * each id's owner team: ours claims it; another team answers with its live claim (a
   * duplicate) or, having none, fences the id at our seq. An id whose other team holds
   * no claim is taken over once its record is older than the grace period, and goes
   * round again; so does a claim refused by a fence (another team took the id over
   * since we reserved it).
   */
  async claim(tickets: { ticket: AcceptedTicket; team: string }[]): Promise<TeamClaim[]> {
    const answers: (TeamClaim | undefined)[] = new Array(tickets.length);
    let left = tickets.map((t, i) => ({ ...t, i }));
    while (left.length > 0) {
      const reservations = await this.teams.owners.reserve(left.map((t) => ({ ticketId: t.ticket.ticket_id, team: t.team })));
      const byTeam = new Map<string, { at: number; request: ClaimRequest }[]>();
      const retry: typeof left = [];
      const takeOvers: Promise<unknown>[] = [];
      left.forEach((t, k) => {
        const { other, seq } = reservations[k]!;
        if (other && !this.teams.names.includes(other.team)) {
          // Its owner is a team no longer configured: nothing there to ask.
          takeOvers.push(this.teams.owners.takeOver(t.ticket.ticket_id, other, t.team, seq, OWNER_GRACE_MS));
          retry.push(t);
          return;
        }
        const team = other ? other.team : t.team;
        const list = byTeam.get(team) ?? byTeam.set(team, []).get(team)!;
        list.push({ at: k, request: { ticket: t.ticket, seq, ask: other !== null } });
      });
      await Promise.all(
        [...byTeam].map(async ([name, requests]) => {
          const claims = await this.teams.team(name).store.claim(requests.map((r) => r.request));
          claims.forEach((claim, j) => {
            const { at } = requests[j]!;
            const t = left[at]!;
            const { other, seq } = reservations[at]!;
            if ('free' in claim) takeOvers.push(this.teams.owners.takeOver(t.ticket.ticket_id, other!, t.team, seq, OWNER_GRACE_MS));
            if ('free' in claim || 'fenced' in claim) retry.push(t);
            else answers[t.i] = { ...claim, team: name };
          });
        }),
      );
      await Promise.all(takeOvers);
      left = retry;
      if (left.length > 0) await sleep(OWNER_WAIT_MS);
    }
    return answers as TeamClaim[];
  }

  /** The most urgent ticket among the teams' heads (null: every team), removed; each ticket is handed out once. */
  async popNext(names: readonly string[] | null = null): Promise<ProcessedTicket | null> {
    const won = await this.takeHead(names, (team, head, floor) => team.store.popIf(head, floor));
    if (won) this.forget(won.value.ticket_id, won.team.name, won.value.job_id);
    return won?.value ?? null;
  }

  /** Claims the most urgent ticket among the teams' heads for an agent (see TicketLeases.claimNext). */
  async claimNext(input: ClaimInput, names: readonly string[] | null = null): Promise<ClaimedTicket | null> {
    const now = Date.now();
    return (await this.takeHead(names, (team, head, floor) => team.leases.claimIf(input, now, head, floor)))?.value ?? null;
  }

  /** The most urgent ticket among the teams' heads, left in place. */
  async peek(names: readonly string[] | null = null): Promise<ProcessedTicket | null> {
    const leader = CrossTeamQueue.leader(await this.readHeads(this.teams.pick(names)));
    return leader && leader.team.store.peek();
  }

  /** Each team's head now, read in parallel. */
  private async readHeads(teams: Team[]): Promise<Map<Team, QueueHead | null>> {
    const heads = await Promise.all(teams.map((t) => t.store.head()));
    return new Map(teams.map((t, i) => [t, heads[i]!]));
  }

  /** The team whose head is the most urgent, and the best score among the other teams' heads (0 when none). */
  private static leader(heads: Map<Team, QueueHead | null>): { team: Team; ticketId: string; floor: number } | null {
    let best: { team: Team; ticketId: string; score: number } | null = null;
    let floor = 0;
    for (const [team, head] of heads) {
      if (!head) continue;
      if (best !== null && head.score <= best.score) {
        floor = Math.max(floor, head.score);
        continue;
      }
      if (best !== null) floor = Math.max(floor, best.score);
      best = { team, ...head };
    }
    return best && { team: best.team, ticketId: best.ticketId, floor };
  }

  /**
   * Compares the heads, takes the leader's if it is still the most urgent as of the
   * comparison, and otherwise compares again with what the refusal told of that team's
   * head (one round trip per try, not a read of every team); every few tries, and when
   * nothing is known to be left, every team's head is read again.
   */
  private async takeHead<T>(
    names: readonly string[] | null,
    take: (team: Team, head: string, floor: string) => Promise<Conditional<T>>,
  ): Promise<{ team: Team; value: T } | null> {
    const teams = this.teams.pick(names);
    // One team: its own atomic pop of its head, nothing to compare.
    if (teams.length === 1) {
      const answer = await take(teams[0]!, '', '0');
      return 'taken' in answer ? { team: teams[0]!, value: answer.taken } : null;
    }
    let heads = await this.readHeads(teams);
    let fresh = true;
    for (let round = 1; ; round++) {
      const leader = CrossTeamQueue.leader(heads);
      if (!leader) {
        if (fresh) return null;
        heads = await this.readHeads(teams);
        fresh = true;
        continue;
      }
      const answer = await take(leader.team, round <= COMPARE_ROUNDS ? leader.ticketId : '', String(leader.floor));
      if ('taken' in answer) return { team: leader.team, value: answer.taken };
      if ('head' in answer && round % REREAD_EVERY !== 0) {
        heads.set(leader.team, answer.head);
        fresh = false;
      } else {
        heads = await this.readHeads(teams);
        fresh = true;
      }
    }
  }

  /**
   * Forgets the owner record of a claim that ended, without holding up the answer: the
   * connection to the deployment-wide slot sends it before any later reservation, and a
   * record left by a failure is a stale hint that a later submission takes over (see
   * ClaimOwners).
   */
  private forget(ticketId: string, team: string, jobId: string): void {
    this.teams.owners.forget(ticketId, team, jobId).catch(() => undefined);
  }

  /** Takes one named ticket out of whichever team holds it (see TicketStore.take). */
  async take(ticketId: string, how: 'pop' | 'remove'): Promise<ProcessedTicket | null> {
    const found = await this.teams.firstFound(ticketId, (team) => team.store.take(ticketId, how));
    if (found) this.forget(ticketId, found.team.name, found.value.job_id);
    return found?.value ?? null;
  }

  /**
   * One queued ticket: `position` is its place among every team's tickets (what
   * `popNext()` without teams hands out first is 1), `teamPosition` its place in its team.
   */
  async find(ticketId: string): Promise<(QueuedTicket & { team: string; teamPosition: number }) | null> {
    const found = await this.teams.firstFound(ticketId, (team) => team.reader.find(ticketId));
    if (!found) return null;
    const { redis } = this.teams;
    const score = await redis.zscore(found.team.keys.processedIndex, ticketId);
    // Scores are unique across teams (the arrival order is deployment-wide): the tickets
    // ahead in other teams are those scored higher. Popped in between: none counted.
    const others = this.teams.all.filter((t) => t !== found.team);
    const ahead = score === null ? [] : await Promise.all(others.map((t) => redis.zcount(t.keys.processedIndex, `(${score}`, '+inf')));
    const elsewhere = ahead.reduce((a, b) => a + b, 0);
    return { ...found.value, position: found.value.position + elsewhere, team: found.team.name, teamPosition: found.value.position };
  }

  async overrideUrgency(ticketId: string, input: UrgencyOverrideInput): Promise<ProcessedTicket | null> {
    return (await this.teams.firstFound(ticketId, (team) => team.store.overrideUrgency(ticketId, input)))?.value ?? null;
  }

  /** Acks a claimed ticket in the team that holds it; its id is free again. */
  async ack(ticketId: string, claimId: string): Promise<ClaimedTicket> {
    const acked = await this.inHoldingTeam(ticketId, (team) => team.leases.ack(ticketId, claimId));
    this.forget(ticketId, acked.team.name, acked.value.job_id);
    return acked.value;
  }

  async release(ticketId: string, claimId: string): Promise<ClaimedTicket> {
    return (await this.inHoldingTeam(ticketId, (team) => team.leases.release(ticketId, claimId))).value;
  }

  async extend(ticketId: string, claimId: string, leaseSeconds: number): Promise<ClaimedTicket> {
    return (await this.inHoldingTeam(ticketId, (team) => team.leases.extend(ticketId, claimId, leaseSeconds))).value;
  }

  /**
   * A lease step in the team holding the ticket, the owner's team first. When no team
   * holds it, the conflict that says most: a team that remembers the claim ("acked",
   * "expired", "released") over the others' "wrong" (the ack forgot the owner record,
   * so a late call may ask other teams first).
   */
  private async inHoldingTeam(ticketId: string, step: (team: Team) => Promise<ClaimedTicket>): Promise<{ team: Team; value: ClaimedTicket }> {
    let conflict: ConflictError | undefined;
    for (const team of await this.teams.locate(ticketId)) {
      try {
        return { team, value: await step(team) };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        if (conflict === undefined || (conflict.reason === 'wrong' && error.reason !== 'wrong')) conflict = error;
      }
    }
    throw conflict!;
  }

  /** Tickets waiting to be popped, in the teams asked for (null: every team). */
  async size(names: readonly string[] | null = null): Promise<number> {
    const sizes = await Promise.all(this.teams.pick(names).map((t) => t.store.size()));
    return sizes.reduce((sum, n) => sum + n, 0);
  }

  /** Empties every team's processed queue; how many tickets they held. */
  async clear(): Promise<number> {
    return (await Promise.all(this.teams.all.map((t) => t.store.clear()))).reduce((a, b) => a + b, 0);
  }
}
