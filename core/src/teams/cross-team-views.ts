import type { ActivityEvent } from '../domain/activity-events.js';
import type { ClaimedTicket } from '../domain/lease.js';
import type { ProcessedTicket } from '../domain/ticket.js';
import type { QueueView } from '../domain/queue-view.js';
import { URGENT_THRESHOLD } from '../domain/priority.js';
import type { QueuePage, QueueSummary } from '../store/queue-reader.js';
import { arrivalSeq } from '../domain/urgency-override.js';
import type { TeamSet } from './team-set.js';
import { mergePages } from './merge-pages.js';

/** S as the queue ranks it (four decimals, see domain/priority.ts), then arrival: most urgent first. */
function byUrgency(a: ProcessedTicket, b: ProcessedTicket): number {
  const s = Math.round(b.urgency_score * 1e4) - Math.round(a.urgency_score * 1e4);
  return s !== 0 ? s : arrivalSeq(a.job_id) - arrivalSeq(b.job_id);
}
const byArrival = (a: ProcessedTicket, b: ProcessedTicket) => arrivalSeq(a.job_id) - arrivalSeq(b.job_id);
const ORDER = { urgency: byUrgency, oldest: byArrival, newest: (a: ProcessedTicket, b: ProcessedTicket) => byArrival(b, a) };

/**
 * Newest first, by the time each event was recorded (`ts`, what clients read and order
 * by), then by stream id (milliseconds, sequence) and the whole id, so the order is total:
 * the streams' own ids do not compare across teams within a millisecond.
 */
function newestFirst(a: ActivityEvent, b: ActivityEvent): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? 1 : -1;
  const [am = 0, as = 0] = a.id.split('-', 2).map(Number);
  const [bm = 0, bs = 0] = b.id.split('-', 2).map(Number);
  if (am !== bm) return bm - am;
  if (as !== bs) return bs - as;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * The reads that span teams: the queue as agents browse it, counts by S, the claimed
 * tickets and the activity history, each merged from the teams' own answers. A page
 * across teams reads `offset + limit` from each team, so deep pages cost more than on
 * one queue; with `team` (or one team asked) it is that team's own page.
 */
export class CrossTeamViews {
  constructor(private readonly teams: TeamSet) {}

  async list(view: QueueView): Promise<QueuePage> {
    const teams = this.teams.pick(view.team === undefined ? null : [view.team]);
    if (teams.length === 1) return teams[0]!.reader.list(view);
    const pages = await Promise.all(teams.map((t) => t.reader.list({ ...view, offset: 0, limit: view.offset + view.limit })));
    return {
      size: pages.reduce((n, p) => n + p.size, 0),
      matching: pages.reduce((n, p) => n + p.matching, 0),
      tickets: mergePages(
        pages.map((p) => p.tickets),
        ORDER[view.sort],
        view.offset,
        view.limit,
      ),
    };
  }

  async summary(highAbove: number | null, team?: string, urgentAt = URGENT_THRESHOLD): Promise<QueueSummary> {
    const parts = await Promise.all(this.teams.pick(team === undefined ? null : [team]).map((t) => t.reader.summary(highAbove, urgentAt)));
    return {
      size: parts.reduce((n, p) => n + p.size, 0),
      bins: parts.reduce<number[]>((bins, p) => bins.map((b, i) => b + (p.bins[i] ?? 0)), parts[0]?.bins.map(() => 0) ?? []),
      urgent: parts.reduce((n, p) => n + p.urgent, 0),
      high: highAbove === null ? null : parts.reduce((n, p) => n + (p.high ?? 0), 0),
    };
  }

  /** The claimed tickets of every team, soonest deadline first. */
  async leases(offset: number, limit: number): Promise<{ size: number; claims: ClaimedTicket[] }> {
    const pages = await Promise.all(this.teams.all.map((t) => t.leases.list(0, offset + limit)));
    const soonestEnd = (a: ClaimedTicket, b: ClaimedTicket) => Date.parse(a.lease_expires_at) - Date.parse(b.lease_expires_at);
    return { size: pages.reduce((n, p) => n + p.size, 0), claims: mergePages(pages.map((p) => p.claims), soonestEnd, offset, limit) };
  }

  /** The newest `limit` events of every team's stream and the deployment-wide one, newest first. */
  async recentActivity(limit: number): Promise<ActivityEvent[]> {
    const streams = await Promise.all([this.teams.sharedActivity, ...this.teams.all.map((t) => t.activity)].map((a) => a.recent(limit)));
    return streams.flat().sort(newestFirst).slice(0, limit);
  }
}
