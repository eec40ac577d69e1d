import { randomUUID } from 'node:crypto';
import type { AcceptedTicket, Submission, TicketInput } from '../domain/ticket.js';
import { categorize } from '../domain/category.js';
import { checkTeams, routeTicket, type TeamFieldPath } from '../domain/team.js';
import { ticketText } from '../scoring/scorer.js';
import { TRIAGE_JOB } from '../jobs/triage-queue.js';
import type { CrossTeamQueue, TeamClaim } from '../teams/cross-team-queue.js';
import type { TeamJobs } from '../teams/team-jobs.js';

/**
 * Accepts validated tickets: routes each to its team (its `team`, else its category's),
 * claims their ids (which stores their content and records `ticket_accepted`) and
 * enqueues the new ones as BullMQ jobs of their team's queue that carry only the ticket
 * id. Shared by the REST shim and GraphQL.
 *
 * A duplicate never touches the claim it found: whatever state that claim is in, the
 * content processed is the one stored with it. A claim whose API died (or whose enqueue
 * failed) before enqueueing is the reconciler's to repair (see ClaimReconciler).
 */
export class TicketIntake {
  constructor(
    private readonly claims: CrossTeamQueue,
    private readonly jobs: TeamJobs,
    /** Told how many new (not duplicate) tickets each submission accepted: the metrics' hook. */
    private readonly onAccepted?: (count: number) => void,
  ) {}

  /**
   * Submits tickets in order; each team's share of a batch is claimed in one atomic step.
   * An explicit `team` that is not configured is a ValidationError naming the field where
   * the adapter received it (`teamField`), and nothing is claimed.
   */
  async submit(inputs: TicketInput[], teamField: TeamFieldPath = (i) => ['body', i, 'team']): Promise<Submission[]> {
    const names = this.claims.teams.names;
    checkTeams(inputs, names, teamField);
    if (inputs.length === 0) return [];
    const tickets = inputs.map((t): { ticket: AcceptedTicket; team: string } => ({
      ticket: { ...t, ticket_id: t.ticket_id ?? randomUUID() },
      team: routeTicket(t, () => categorize(ticketText(t)), names),
    }));
    const claims = await this.claims.claim(tickets);
    const fresh = claims.filter((claim) => !claim.duplicate);
    // If this fails, the claims stay: another instance may already have told a duplicate
    // `duplicate: true` for one of them, and the reconciler enqueues them from their stored
    // content. A retry of the failed request is then a duplicate of its own first attempt.
    const byTeam = new Map<string, TeamClaim[]>();
    for (const claim of fresh) (byTeam.get(claim.team) ?? byTeam.set(claim.team, []).get(claim.team)!).push(claim);
    await Promise.all(
      [...byTeam].map(([team, teamClaims]) => {
        const queue = this.jobs.queue(team);
        // One ticket (the common case) goes through `add`: `addBulk` builds an ioredis
        // MULTI, which copies every BullMQ script command onto it, a cost per request
        // that the profile showed above the enqueue itself.
        if (teamClaims.length === 1) return queue.add(TRIAGE_JOB, { ticket_id: teamClaims[0]!.ticketId }, { jobId: teamClaims[0]!.jobId });
        return queue.addBulk(teamClaims.map((c) => ({ name: TRIAGE_JOB, data: { ticket_id: c.ticketId }, opts: { jobId: c.jobId } })));
      }),
    );
    if (fresh.length > 0) this.onAccepted?.(fresh.length);
    return claims.map((c) => ({ ticket_id: c.ticketId, job_id: c.jobId, duplicate: c.duplicate }));
  }
}
