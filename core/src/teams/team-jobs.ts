import type { Redis } from 'ioredis';
import { retryRefused, type FailedJob } from '../domain/failed-job.js';
import { mergePages } from './merge-pages.js';
import { createTriageQueue, jobStatus, type JobPolicy, type JobStatus, type TriageQueue } from '../jobs/triage-queue.js';
import { listFailedJobs, retryFailedJob, type FailedJobsPage } from '../jobs/failed-jobs.js';
import { queueStats, type QueueStats } from '../jobs/queue-stats.js';
import { OWNER_GRACE_MS } from './cross-team-queue.js';
import type { Team, TeamSet } from './team-set.js';

/**
 * Before a failed job's ticket id is claimed again in its team (a retry from the API or
 * from bull-board): records the id for that team. When another team owns it, that team
 * is asked as a submission would ask it (fencing the id there at a fresh seq, so a
 * submission in flight to it is refused rather than claimed beside the retry): false,
 * with the retry to be refused, when it holds a live claim or its record is too young to
 * take over.
 */
export async function reserveForRetry(set: TeamSet, team: string, ticketId: string): Promise<boolean> {
  const [reservation] = await set.owners.reserve([{ ticketId, team }]);
  const { other, seq } = reservation!;
  if (!other) return true;
  if (set.names.includes(other.team)) {
    const [answer] = await set.team(other.team).store.claim([{ ticket: { ticket_id: ticketId, subject: '', body: '', customer_id: undefined, channel: undefined, team: undefined }, seq, ask: true }]);
    if (!answer || !('free' in answer)) return false;
  }
  return set.owners.takeOver(ticketId, other, team, seq, OWNER_GRACE_MS);
}

/** A team with its BullMQ triage queue (`{prefix:team}:bull:tickets`). */
export type TeamWithQueue = Team & { queue: TriageQueue };

/**
 * The teams' BullMQ triage queues, for what the API asks of jobs: enqueueing, a job's
 * state wherever its team is, failed jobs of every team, retries and counts.
 */
export class TeamJobs {
  readonly teams: TeamWithQueue[];

  constructor(
    readonly set: TeamSet,
    redis: Redis,
    policy: JobPolicy,
  ) {
    this.teams = set.all.map((team) => ({ ...team, queue: createTriageQueue(redis, team.keys, policy) }));
  }

  queue(team: string): TriageQueue {
    const found = this.teams.find((t) => t.name === team);
    if (!found) throw new Error(`no team queue "${team}" (TEAM_QUEUES: ${this.set.names.join(', ')})`);
    return found.queue;
  }

  /** A job's state in whichever team queue has it; null when none does. */
  async status(jobId: string): Promise<JobStatus | null> {
    const found = await Promise.all(this.teams.map((t) => jobStatus(t.queue, jobId)));
    return found.find((s) => s !== null) ?? null;
  }

  /** Failed jobs of every team, newest first. */
  async failed(offset: number, limit: number): Promise<FailedJobsPage> {
    const pages = await Promise.all(this.teams.map((t) => listFailedJobs(t.queue, t.store, 0, offset + limit)));
    const newestFirst = (a: FailedJob, b: FailedJob) => Date.parse(b.failed_at ?? '') - Date.parse(a.failed_at ?? '');
    return { total: pages.reduce((n, p) => n + p.total, 0), jobs: mergePages(pages.map((p) => p.jobs), newestFirst, offset, limit) };
  }

  /**
   * Retries a failed job in its team (see retryFailedJob), after recording its ticket id
   * for that team again: refused when another team holds a live claim on the id.
   */
  async retry(jobId: string): Promise<JobStatus> {
    const jobs = await Promise.all(this.teams.map((t) => t.queue.getJob(jobId)));
    const at = jobs.findIndex((job) => job !== undefined);
    if (at < 0) throw retryRefused('unknown', jobId, null);
    const team = this.teams[at]!;
    const ticketId = jobs[at]!.data.ticket_id ?? '';
    if (!(await reserveForRetry(this.set, team.name, ticketId))) throw retryRefused('claimed_again', jobId, ticketId);
    return retryFailedJob(team.queue, team.store, jobId);
  }

  /** Counts of every team, and per team. */
  async stats(): Promise<QueueStats & { teams: (QueueStats & { team: string })[] }> {
    const each = await Promise.all(this.teams.map(async (t) => ({ team: t.name, ...(await queueStats(t.queue, t.store)) })));
    const sum = (k: keyof QueueStats) => each.reduce((n, s) => n + s[k], 0);
    return { size: sum('size'), waiting: sum('waiting'), active: sum('active'), failed: sum('failed'), teams: each };
  }

  async close(): Promise<void> {
    await Promise.all(this.teams.map((t) => t.queue.close()));
  }
}
