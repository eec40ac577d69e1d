import type { Job } from 'bullmq';
import { categorize } from '../domain/category.js';
import { teamForCategory } from '../domain/team.js';
import type { Category } from '../domain/ticket.js';
import { ticketText } from '../scoring/scorer.js';
import { createTriageQueue, TRIAGE_JOB, type JobPolicy, type TicketJobData } from '../jobs/triage-queue.js';
import { seqOfJob } from './claim-owners.js';
import type { TeamSet } from './team-set.js';

/** What moving the single queue's data into the team queues moved. */
export interface SingleQueueMigration {
  /** Processed tickets waiting to be popped. */
  queued: number;
  /** Processed tickets held under a lease. */
  leased: number;
  /** Triage jobs not processed yet. */
  jobs: number;
  /** Agents' urgency corrections (training examples). */
  overrides: number;
  /** Escalations due for urgent tickets nobody took. */
  escalations: number;
}

/** Longer than a move of any queue this machine class holds; a worker that dies holding it delays the next try this long. */
const LOCK_MS = 10 * 60 * 1000;

interface StoredTicket {
  ticket_id: string;
  job_id: string;
  category?: Category;
  team?: string;
  subject: string;
  body: string;
}

/** A job's ticket id, in the shape of today's jobs (`{ticket_id}`) or the oldest (`{ticket: {...}}`). */
const ticketIdOf = (data: unknown): string | undefined => {
  const d = data as { ticket_id?: unknown; ticket?: { ticket_id?: unknown } } | null;
  const id = d?.ticket_id ?? d?.ticket?.ticket_id;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Moves what the single-queue versions kept under `{prefix}` (one processed queue, one
 * BullMQ queue) into the team queues, so upgrading under a queue loses nothing: each
 * ticket goes to the team its category routes to, with its score (the arrival counter is
 * the same deployment-wide one), its claim and its lease; each job not yet processed is
 * enqueued again, same job id and data, in its team's queue. The history stays where it
 * is: it is the deployment-wide stream. Jobs that had failed for good stay in the old
 * queue (retry them before upgrading).
 *
 * Every worker calls it at start; one at a time moves (a lock), the others go on. Each
 * item is copied, then deleted: a worker that dies midway leaves copies that the next
 * start moves again, which could put back a ticket popped in between (a window of one
 * item). The old version's APIs and workers must be stopped first: what they write
 * under the old keys after the move is not moved until a worker starts again.
 */
export async function migrateSingleQueue(teams: TeamSet, policy: JobPolicy, now = Date.now()): Promise<SingleQueueMigration | null> {
  const { redis } = teams;
  const old = teams.shared;
  const holder = `${process.pid}:${now}:${Math.random()}`;
  if ((await redis.set(old.migrationLock, holder, 'PX', LOCK_MS, 'NX')) !== 'OK') return null;
  try {
    return await moveSingleQueue(teams, policy, now);
  } finally {
    if ((await redis.get(old.migrationLock)) === holder) await redis.del(old.migrationLock);
  }
}

async function moveSingleQueue(teams: TeamSet, policy: JobPolicy, now: number): Promise<SingleQueueMigration> {
  const { redis } = teams;
  const old = teams.shared;
  const route = (ticket: { team?: string; category?: Category; subject: string; body: string }) =>
    ticket.team && teams.names.includes(ticket.team) ? ticket.team : teamForCategory(ticket.category ?? categorize(ticketText(ticket)), teams.names);
  const own = (ticketId: string, team: string, jobId: string) => redis.hset(old.claimOwners, ticketId, `${team}|${seqOfJob(jobId)}|${now}`);
  const moved: SingleQueueMigration = { queued: 0, leased: 0, jobs: 0, overrides: 0, escalations: 0 };

  /**
   * Copies one stored ticket (its data with its team, its claim, its owner record) into
   * its team and returns that team's keys; null when the old data is gone. `lease`: it
   * is held, and its lease goes along.
   */
  const copyTicket = async (id: string, lease: string | null) => {
    const json = await redis.hget(old.processedTickets, id);
    if (json === null) return null;
    const ticket = JSON.parse(json) as StoredTicket;
    const team = teams.team(route(ticket));
    const jobId = (await redis.hget(old.claims, id)) ?? ticket.job_id;
    await redis.hset(team.keys.processedTickets, id, JSON.stringify({ ...ticket, team: team.name }));
    await redis.hset(team.keys.claims, id, jobId);
    if (lease !== null) await redis.hset(team.keys.leases, id, lease);
    await own(id, team.name, jobId);
    return team.keys;
  };
  const dropOld = (id: string) => Promise.all([redis.hdel(old.processedTickets, id), redis.hdel(old.claims, id), redis.hdel(old.leases, id)]);

  // Queued tickets, then held ones: each indexed in its team last, once its data is there.
  const queued = await redis.zrange(old.processedIndex, '0', '-1', 'WITHSCORES');
  for (let i = 0; i + 1 < queued.length; i += 2) {
    const id = queued[i]!;
    const keys = await copyTicket(id, null);
    if (keys) {
      await redis.zadd(keys.processedIndex, queued[i + 1]!, id);
      await dropOld(id);
      moved.queued++;
    }
    await redis.zrem(old.processedIndex, id);
  }
  const leased = await redis.zrange(old.claimed, '0', '-1', 'WITHSCORES');
  for (let i = 0; i + 1 < leased.length; i += 2) {
    const id = leased[i]!;
    const lease = await redis.hget(old.leases, id);
    const keys = lease === null ? null : await copyTicket(id, lease);
    if (keys) {
      await redis.zadd(keys.claimed, leased[i + 1]!, id);
      await dropOld(id);
      moved.leased++;
    }
    await redis.zrem(old.claimed, id);
  }

  // One queue object per team for the whole move, not one per job.
  const queues = new Map(teams.all.map((t) => [t.name, createTriageQueue(redis, t.keys, policy)]));
  const oldQueue = createTriageQueue(redis, old, policy);
  try {
    const jobs = (await oldQueue.getJobs(['waiting', 'prioritized', 'delayed'])) as Job<TicketJobData>[];
    for (const job of jobs) {
      const jobId = job.id!;
      const ticketId = ticketIdOf(job.data);
      // The content stored with its claim, or (the oldest jobs) in the job itself.
      const stored = await redis.hget(old.payloads, jobId);
      const payload = stored ?? ('ticket' in (job.data as object) ? JSON.stringify(job.data) : null);
      if (ticketId !== undefined && payload !== null) {
        const team = teams.team(route((JSON.parse(payload) as { ticket: StoredTicket }).ticket));
        if (stored !== null) await redis.hset(team.keys.payloads, jobId, stored);
        await redis.hset(team.keys.claims, ticketId, jobId);
        await redis.zadd(team.keys.pending, now, jobId);
        await own(ticketId, team.name, jobId);
        await queues.get(team.name)!.add(TRIAGE_JOB, job.data, { jobId });
        moved.jobs++;
      }
      await job.remove();
      await redis.hdel(old.payloads, jobId);
      await redis.zrem(old.pending, jobId);
      if (ticketId !== undefined && (await redis.hget(old.claims, ticketId)) === jobId) await redis.hdel(old.claims, ticketId);
    }
  } finally {
    await Promise.all([oldQueue, ...queues.values()].map((q) => q.close()));
  }

  // Escalations follow their tickets, whose owner records now name their teams.
  const due = await redis.zrange(old.escalations, '0', '-1', 'WITHSCORES');
  for (let i = 0; i + 1 < due.length; i += 2) {
    const team = await teams.owners.teamOf(due[i]!);
    if (team !== null && teams.names.includes(team)) {
      await redis.zadd(teams.team(team).keys.escalations, due[i + 1]!, due[i]!);
      moved.escalations++;
    }
    await redis.zrem(old.escalations, due[i]!);
  }

  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(old.overrides, cursor, 'COUNT', 500);
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const record = JSON.parse(flat[i + 1]!) as { category?: Category; subject?: string; body?: string };
      const team = teams.team(route({ subject: record.subject ?? '', body: record.body ?? '', ...(record.category ? { category: record.category } : {}) }));
      await redis.hset(team.keys.overrides, flat[i]!, flat[i + 1]!);
      await redis.hdel(old.overrides, flat[i]!);
      moved.overrides++;
    }
    cursor = next;
  } while (cursor !== '0');
  return moved;
}
