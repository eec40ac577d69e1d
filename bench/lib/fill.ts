/** Puts work into Redis before a timed phase, the same work for both arms. */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CrossTeamQueue, TeamJobs, TeamSet, TicketIntake, createKeys, queueScore, type ProcessedTicket } from '@iq/core';
import { JOB_OPTIONS, PREFIX, TEAM, TRIAGE_JOB, TRIAGE_QUEUE, keys, policy, shared } from './project.js';
import { ticket } from './tickets.js';

export interface Filler {
  /** The team's triage queue, the one both arms' workers take jobs from (to pause, resume and count). */
  queue: Queue;
  /** The project's way in: claims + stored content + a job per ticket (what the API does). */
  project(n: number, prefix: string): Promise<void>;
  /** The baseline's: the same jobs (same name, data shape and options) added with addBulk. */
  bare(n: number, prefix: string): Promise<void>;
  /**
   * n processed tickets in the team's queue the pop script pops from, as the worker leaves
   * them: content, queue score (S, then arrival), the claim, and the owner record under `{iq}`.
   */
  processed(n: number): Promise<void>;
  /** Jobs not finished yet (waiting, also while paused; active, delayed, prioritized). */
  unfinished(): Promise<number>;
  /**
   * Resumes the paused queue and waits until no job is left; jobs/s from the moment the
   * first job was taken (so how soon idle workers notice the resume does not count), polled
   * every 5 ms, the same for both arms.
   */
  drain(n: number): Promise<number>;
  close(): Promise<void>;
}

const CHUNK = 1000;

export function filler(redisUrl: string): Filler {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(TRIAGE_QUEUE, { connection, prefix: keys.bullPrefix, defaultJobOptions: JOB_OPTIONS });
  // shared.TEAM_QUEUES is [TEAM]: every ticket goes to the one team queue the services run with.
  const teams = new TeamSet(connection, { prefix: PREFIX, teams: shared.TEAM_QUEUES, activityMaxlen: shared.ACTIVITY_MAXLEN, retention: policy });
  const deploymentKeys = createKeys(PREFIX);
  const intake = new TicketIntake(new CrossTeamQueue(teams), new TeamJobs(teams, connection, policy));
  return {
    queue,
    async project(n, prefix) {
      for (let i = 0; i < n; i += CHUNK) await intake.submit(Array.from({ length: Math.min(CHUNK, n - i) }, (_, k) => ({ ...ticket(i + k, prefix), customer_id: undefined, channel: undefined, team: undefined })));
    },
    async bare(n, prefix) {
      for (let i = 0; i < n; i += CHUNK) {
        await queue.addBulk(
          Array.from({ length: Math.min(CHUNK, n - i) }, (_, k) => ({ name: TRIAGE_JOB, data: { ticket_id: `${prefix}-${i + k}` }, opts: { jobId: `b-${prefix}-${i + k}` } })),
        );
      }
    },
    async processed(n) {
      const now = new Date().toISOString();
      for (let i = 0; i < n; i += CHUNK) {
        const pipe = connection.pipeline();
        for (let k = i; k < Math.min(n, i + CHUNK); k++) {
          const t = ticket(k, 'p');
          const s = (k % 997) / 997;
          const seq = k + 1;
          const jobId = `${t.ticket_id}~${seq}`;
          const processed: ProcessedTicket = {
            ...t,
            job_id: jobId,
            customer_id: null,
            channel: null,
            category: 'Billing',
            team: TEAM,
            urgency_score: s,
            is_urgent: s >= 0.5,
            priority_score: Math.round(s * 10),
            model: 'bench',
            urgency_explanation: 'tone 0.50 +0.0',
            urgency_override: null,
            created_at: now,
            processed_at: now,
          };
          pipe.zadd(keys.processedIndex, queueScore(s, seq), t.ticket_id);
          pipe.hset(keys.processedTickets, t.ticket_id, JSON.stringify(processed));
          pipe.hset(keys.claims, t.ticket_id, jobId);
          pipe.hset(deploymentKeys.claimOwners, t.ticket_id, `${TEAM}|${seq}|${Date.now()}`);
        }
        await pipe.exec();
      }
    },
    async unfinished() {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async drain(n) {
      await queue.resume();
      const deadline = Date.now() + 600_000;
      let first: number | undefined;
      let left = n;
      for (;;) {
        const remaining = await this.unfinished();
        const now = performance.now();
        if (first === undefined && remaining < n) {
          first = now;
          left = remaining;
        }
        if (remaining === 0) return (left / (now - first!)) * 1000;
        if (Date.now() > deadline) throw new Error(`drain: ${remaining} of ${n} jobs left after 10 minutes`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
