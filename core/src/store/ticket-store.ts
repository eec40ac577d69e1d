import type { Redis } from 'ioredis';
import { eventArgs, eventData } from '../activity/activity.js';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type HeadRefusal, type RunScript } from '../redis/scripts.js';
import type { AcceptedTicket, ProcessedTicket } from '../domain/ticket.js';
import { applyUrgencyOverride, type OverrideRecord, type UrgencyOverrideInput } from '../domain/urgency-override.js';
import { queueScore } from '../domain/priority.js';
import type { RetryRefusal } from '../domain/failed-job.js';
import type { JobPolicy } from '../jobs/triage-queue.js';

/** The outcome of claiming one ticket id for a submission. */
export interface Claim {
  ticketId: string;
  jobId: string;
  duplicate: boolean;
}

/**
 * One ticket id to claim in this team, with the arrival seq drawn for it (see
 * ClaimOwners.reserve). `ask`: only whether this team holds a claim on it, fencing the
 * id at `seq` when it holds none (see claim-tickets-8.lua).
 */
export interface ClaimRequest {
  ticket: AcceptedTicket;
  seq: string;
  ask?: boolean;
}

/**
 * A claim request's answer: a claim; `free`: an asking request found none here;
 * `fenced`: refused, another team's submission took the id over since it was reserved.
 */
export type ClaimAnswer = Claim | { ticketId: string; free: true } | { ticketId: string; fenced: true };

/**
 * How often a correction is rebuilt when another one of the same ticket lands between its
 * read and its write; running out means the ticket keeps changing, not a normal race.
 */
const OVERRIDE_ATTEMPTS = 10;

export type StoreOutcome = 'stored' | 'already_stored' | 'stale';

/** How long BullMQ keeps failed jobs (removeOnFail), and so the content kept to retry them. */
export type JobRetention = Pick<JobPolicy, 'retentionSeconds' | 'retentionCount'>;

export interface TicketStoreOptions {
  /** The triage jobs' retention: a failed job's content is kept as long as the job. */
  retention: JobRetention;
  /** Told of every ticket a pop hands out: the metrics' hook. */
  onPopped?: () => void;
}

/** A team's most urgent ticket, as its index scores it. */
export interface QueueHead {
  ticketId: string;
  score: number;
}

/**
 * What a pop or claim conditional on the compared head answers (see
 * includes/expect-head.lua): the ticket taken; or refused, with the team's head now
 * (null: empty); or `again`: nothing known, compare again.
 */
export type Conditional<T> = { taken: T } | { head: QueueHead | null } | { again: true };

/** A conditional script's answer that is not a ticket: its refusal, read. */
export function refusalOf(answer: HeadRefusal | null): { head: QueueHead | null } | { again: true } {
  if (answer === null) return { again: true };
  return { head: answer.length === 3 ? { ticketId: answer[1], score: Number(answer[2]) } : null };
}

/** What retry-failed-job-9.lua answers, by its codes. */
const RETRY_REFUSALS: Record<number, RetryRefusal> = { [-1]: 'unknown', [-2]: 'not_failed', [-3]: 'in_progress', [-4]: 'claimed_again', [-5]: 'payload_gone' };

/** Where BullMQ keeps a job and the jobs that failed for good (read by the reconciler and the retry). */
export interface BullJobKeys {
  job(jobId: string): string;
  failed: string;
}

/**
 * The processed queue and the claims on ticket ids. Every operation that touches
 * ticket data is one Lua script, so nothing is read between a pop and its delete.
 */
export class TicketStore {
  private readonly run: RunScript;

  private readonly onPopped?: () => void;
  private readonly retention: JobRetention;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly activityMaxlen: number,
    options: TicketStoreOptions,
  ) {
    this.run = scriptRunner(redis);
    this.onPopped = options.onPopped;
    this.retention = options.retention;
  }

  /**
   * Claims ticket ids atomically (a whole batch at once), storing each new claim's
   * content and recording `ticket_accepted`; see claim-tickets-8.lua.
   */
  async claim(requests: ClaimRequest[]): Promise<ClaimAnswer[]> {
    const k = this.keys;
    const flat = await this.run('claimTickets', [k.claims, k.activity, k.payloads, k.pending, k.failedPayloads, k.failedKept, k.failedByTicket, k.claimFences], [
      ...this.eventArgs(),
      Date.now(),
      ...requests.flatMap(({ ticket, seq, ask }) => [ticket.ticket_id, JSON.stringify(ticket), ask ? `?${seq}` : seq]),
    ]);
    return requests.map(({ ticket }, i): ClaimAnswer => {
      const code = Number(flat[i * 2 + 1]);
      if (code === 2) return { ticketId: ticket.ticket_id, free: true };
      if (code === 3) return { ticketId: ticket.ticket_id, fenced: true };
      return { ticketId: ticket.ticket_id, jobId: String(flat[i * 2]), duplicate: code === 1 };
    });
  }

  /** The content accepted with a job's claim (JSON), or null once it is stored or released. */
  async payload(jobId: string): Promise<string | null> {
    return this.redis.hget(this.keys.payloads, jobId);
  }

  /** The ticket this job stored, if it is still in the processed queue. */
  async storedBy(ticketId: string, jobId: string): Promise<ProcessedTicket | null> {
    const json = await this.redis.hget(this.keys.processedTickets, ticketId);
    const ticket = json == null ? null : (JSON.parse(json) as ProcessedTicket);
    return ticket?.job_id === jobId ? ticket : null;
  }

  /**
   * Frees the id of a ticket that will not be processed and records why (`ticket_failed`
   * or `ticket_abandoned`); never the id of a stored ticket. A failed job's content is
   * kept for a retry (see retryFailed). See release-claim-8.lua.
   */
  async release(ticketId: string, jobId: string, type: 'ticket_failed' | 'ticket_abandoned', error: string): Promise<boolean> {
    const k = this.keys;
    const data = eventData(type, { ticket_id: ticketId, job_id: jobId, error });
    const keep = type === 'ticket_failed' ? 1 : 0;
    return (
      (await this.run(
        'releaseClaim',
        [k.claims, k.processedTickets, k.payloads, k.pending, k.activity, k.failedPayloads, k.failedKept, k.failedByTicket],
        [...this.eventArgs(), ticketId, jobId, type, data, keep, Date.now(), ...this.keepArgs()],
      )) === 1
    );
  }

  /**
   * The claim step of a retry (see retry-failed-job-9.lua): claims the ticket id again for
   * this failed job, with its kept content, and records `ticket_retried`. Null when done;
   * otherwise why not, with nothing changed. Moving the BullMQ job is the caller's step;
   * `moved`: it was moved already (by bull-board), and a worker is running it.
   */
  async retryFailed(ticketId: string, jobId: string, bull: BullJobKeys, moved = false): Promise<RetryRefusal | null> {
    const k = this.keys;
    const result = await this.run(
      'retryFailedJob',
      [k.claims, k.payloads, k.pending, k.failedPayloads, k.failedKept, k.activity, bull.failed, bull.job(jobId), k.failedByTicket],
      [...this.eventArgs(), ticketId, jobId, Date.now(), eventData('ticket_retried', { ticket_id: ticketId, job_id: jobId }), moved ? 0 : 1],
    );
    if (result === 1) return null;
    const refusal = RETRY_REFUSALS[result];
    if (!refusal) throw new Error(`retry-failed-job answered ${result}`);
    return refusal;
  }

  /**
   * For each job id, the content kept to retry it (null: none); for each ticket id, the
   * job id holding its claim (null: free). One round trip.
   */
  async retryState(jobIds: string[], ticketIds: string[]): Promise<{ payloads: (string | null)[]; claims: (string | null)[] }> {
    if (jobIds.length === 0) return { payloads: [], claims: [] };
    const [payloads, claims] = await Promise.all([this.redis.hmget(this.keys.failedPayloads, ...jobIds), this.redis.hmget(this.keys.claims, ...ticketIds)]);
    return { payloads, claims };
  }

  /** Job ids of claims pending for longer than `graceMs`, oldest first. */
  async duePending(graceMs: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.pending, '-inf', Date.now() - graceMs, 'LIMIT', 0, limit);
  }

  /**
   * The reconciler's step for one pending claim (see reconcile-claim-10.lua): the ticket
   * id to enqueue again under `jobId`, or null when there is nothing to enqueue.
   */
  async reconcile(jobId: string, timing: { graceMs: number; recheckMs: number }, bull: BullJobKeys): Promise<string | null> {
    const k = this.keys;
    const ticketId = await this.run(
      'reconcileClaim',
      [k.pending, k.payloads, k.claims, k.processedTickets, k.activity, bull.failed, bull.job(jobId), k.failedPayloads, k.failedKept, k.failedByTicket],
      [...this.eventArgs(), Date.now(), timing.graceMs, jobId, timing.recheckMs, ...this.keepArgs()],
    );
    return typeof ticketId === 'string' ? ticketId : null;
  }

  /** Stores and indexes a processed ticket and records `ticket_processed`. */
  async store(ticket: ProcessedTicket, seq: number): Promise<StoreOutcome> {
    const k = this.keys;
    const event = eventData('ticket_processed', {
      ticket_id: ticket.ticket_id,
      job_id: ticket.job_id,
      urgency_score: ticket.urgency_score,
      category: ticket.category,
      is_urgent: ticket.is_urgent,
      priority_score: ticket.priority_score,
      model: ticket.model,
    });
    const result = await this.run(
      'storeTicket',
      [k.processedIndex, k.processedTickets, k.claims, k.activity, k.payloads, k.pending],
      [...this.eventArgs(), ticket.ticket_id, ticket.job_id, queueScore(ticket.urgency_score, seq), JSON.stringify(ticket), event],
    );
    return result === 1 ? 'stored' : result === 0 ? 'already_stored' : 'stale';
  }

  /** Removes and returns the most urgent ticket; each ticket is handed out once. */
  async popNext(): Promise<ProcessedTicket | null> {
    const answer = await this.popIf('', '0');
    return 'taken' in answer ? answer.taken : null;
  }

  /**
   * Pops the most urgent ticket only while it is the compared one, or one scored at least
   * `floor` (see pop-next-4.lua); `expectedHead` '' pops unconditionally.
   */
  async popIf(expectedHead: string, floor: string): Promise<Conditional<ProcessedTicket>> {
    const k = this.keys;
    const answer = await this.run('popNext', [k.processedIndex, k.processedTickets, k.claims, k.activity], [...this.eventArgs(), expectedHead, floor]);
    if (typeof answer !== 'string') return expectedHead === '' ? { head: null } : refusalOf(answer);
    this.onPopped?.();
    return { taken: JSON.parse(answer) as ProcessedTicket };
  }

  /** The most urgent ticket's id and queue score, without its data; null when empty. */
  async head(): Promise<QueueHead | null> {
    const [id, score] = await this.redis.zrevrange(this.keys.processedIndex, 0, 0, 'WITHSCORES');
    return id === undefined ? null : { ticketId: id, score: Number(score) };
  }

  async peek(): Promise<ProcessedTicket | null> {
    const json = await this.run('peekNext', [this.keys.processedIndex, this.keys.processedTickets], []);
    return json == null ? null : (JSON.parse(json) as ProcessedTicket);
  }

  /**
   * Takes one named ticket out of the queue, wherever it is in line: `pop` hands it to
   * the caller (`ticket_popped`), `remove` drops it (`ticket_removed`). Null when it is
   * not in the queue. See take-ticket-4.lua.
   */
  async take(ticketId: string, how: 'pop' | 'remove'): Promise<ProcessedTicket | null> {
    const k = this.keys;
    const type = how === 'pop' ? 'ticket_popped' : 'ticket_removed';
    const json = await this.run('takeTicket', [k.processedIndex, k.processedTickets, k.claims, k.activity], [...this.eventArgs(), ticketId, type]);
    if (json == null) return null;
    if (how === 'pop') this.onPopped?.();
    return JSON.parse(json) as ProcessedTicket;
  }

  /**
   * Corrects a queued ticket's S, re-ranking it and keeping a training example; records
   * `urgency_overridden`. Null when the ticket is not in the queue. See override-urgency-4.lua.
   */
  async overrideUrgency(ticketId: string, input: UrgencyOverrideInput): Promise<ProcessedTicket | null> {
    const k = this.keys;
    // The script applies the correction only to the ticket it was built from; another
    // correction of the same ticket in between means building it again.
    for (let attempt = 0; attempt < OVERRIDE_ATTEMPTS; attempt++) {
      const json = await this.redis.hget(k.processedTickets, ticketId);
      if (json == null) return null;
      const at = new Date().toISOString();
      const applied = applyUrgencyOverride(JSON.parse(json) as ProcessedTicket, input, at);
      const result = await this.run(
        'overrideUrgency',
        [k.processedIndex, k.processedTickets, k.overrides, k.activity],
        [
          ...this.eventArgs(at),
          ticketId,
          json,
          JSON.stringify(applied.ticket),
          applied.queueScore,
          JSON.stringify(applied.record),
          eventData('urgency_overridden', applied.event),
        ],
      );
      if (result === 1) return applied.ticket;
      if (result === -1) return null;
    }
    throw new Error(`ticket ${ticketId} kept changing while its urgency was corrected`);
  }

  /** Every kept urgency correction, once each, in no particular order, a page at a time. */
  async *overrideRecords(): AsyncGenerator<OverrideRecord> {
    // HSCAN may return a field twice (while the hash grows); a training set must not.
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys.overrides, cursor, 'COUNT', 500);
      for (let i = 0; i + 1 < flat.length; i += 2) {
        if (seen.has(flat[i]!)) continue;
        seen.add(flat[i]!);
        yield JSON.parse(flat[i + 1]!) as OverrideRecord;
      }
      cursor = next;
    } while (cursor !== '0');
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.keys.processedIndex);
  }

  /** Empties the processed queue and returns how many tickets it held. */
  async clear(): Promise<number> {
    const k = this.keys;
    return this.run('clearQueue', [k.processedIndex, k.processedTickets, k.claims, k.activity], this.eventArgs());
  }

  /** How long, and how many, failed jobs' contents are kept: as BullMQ keeps the jobs. */
  private keepArgs(): [keepMs: number, keepCount: number] {
    return [this.retention.retentionSeconds * 1000, this.retention.retentionCount];
  }

  private eventArgs(ts?: string) {
    return eventArgs(this.keys, this.activityMaxlen, ts);
  }
}
