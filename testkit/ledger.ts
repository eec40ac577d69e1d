import type { ProcessedTicket } from '@iq/core';
import type { Redis } from 'ioredis';

/** What a fault run accepted (each 202) and what came out of the processed queue. */
export interface Tally {
  accepted: number;
  popped: number;
  /** Ticket ids popped more than once. */
  duplicates: string[];
  /** Ticket ids accepted (202) and never popped. */
  missing: string[];
  /** Ticket ids whose popped content is not what the accepted submission sent. */
  swapped: string[];
}

/** Pops until the queue is empty (plain HTTP, as an agent would). */
export async function popAll(apiUrl: string): Promise<ProcessedTicket[]> {
  const popped: ProcessedTicket[] = [];
  for (;;) {
    const res = await fetch(`${apiUrl}/tickets/next`);
    if (res.status === 404) return popped;
    if (res.status !== 200) throw new Error(`pop answered ${res.status}: ${await res.text()}`);
    popped.push((await res.json()) as ProcessedTicket);
  }
}

/** Compares the accepted submissions (ticket id → subject sent) with the popped tickets. */
export function tally(accepted: Map<string, string>, popped: ProcessedTicket[]): Tally {
  const seen = new Map<string, number>();
  for (const t of popped) seen.set(t.ticket_id, (seen.get(t.ticket_id) ?? 0) + 1);
  return {
    accepted: accepted.size,
    popped: popped.length,
    duplicates: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    missing: [...accepted.keys()].filter((id) => !seen.has(id)),
    swapped: popped.filter((t) => accepted.has(t.ticket_id) && accepted.get(t.ticket_id) !== t.subject).map((t) => t.ticket_id),
  };
}

/**
 * Ticket ids whose `ticket_accepted` is not followed by `ticket_processed`,
 * `ticket_failed` or `ticket_abandoned` for the same job (read from the activity stream).
 */
export async function unfinishedAcceptances(redis: Redis, stream: string): Promise<string[]> {
  const entries = await redis.xrange(stream, '-', '+');
  const open = new Map<string, string>();
  for (const [, fields] of entries) {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    const data = JSON.parse(f.data ?? '{}') as { job_id?: string; ticket_id?: string };
    if (!data.job_id) continue;
    if (f.type === 'ticket_accepted') open.set(data.job_id, data.ticket_id ?? '');
    if (f.type === 'ticket_processed' || f.type === 'ticket_failed' || f.type === 'ticket_abandoned') open.delete(data.job_id);
  }
  return [...open.values()];
}

/** Lets the load run for `ms` (a phase of a fault run; never a way to wait for a condition). */
export const holdLoad = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Submitters {
  /** Stops the clients and returns what was accepted (ticket id → subject sent). */
  stop(): Promise<Map<string, string>>;
}

/**
 * `clients` loops that each submit one ticket at a time to `apiUrl` until stopped, as
 * support tools would. A submission counts as accepted only when it got a 202; failures
 * (the API or Redis being down) are retried with a new ticket id after a short pause.
 */
export function startSubmitters(apiUrl: string, clients: number, prefix: string): Submitters {
  const accepted = new Map<string, string>();
  let running = true;
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let n = 0; running; n++) {
      const ticketId = `${prefix}-${client}-${n}`;
      const subject = `subject of ${ticketId}`;
      try {
        const res = await fetch(`${apiUrl}/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ticket_id: ticketId, subject, body: 'Submitted under load.' }),
          signal: AbortSignal.timeout(5_000),
        });
        if (res.status === 202) accepted.set(ticketId, subject);
        else await new Promise((r) => setTimeout(r, 50));
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return accepted;
    },
  };
}

/** Those of `ticketIds` not (yet) in the processed tickets hash. */
export async function notStored(redis: Redis, ticketIds: Iterable<string>, prefix: string): Promise<string[]> {
  const ids = [...ticketIds];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hexists(`${prefix}:tickets`, id);
  const results = (await pipeline.exec()) ?? [];
  return ids.filter((_, i) => results[i]?.[1] !== 1);
}

/**
 * Where each of `ticketIds` got to, for a fault test's failure message: its claim, the
 * payload and pending entry of that claim, its BullMQ job (state, attempts, failure),
 * whether it is stored, and the activity events that name it. A lost ticket is then
 * found in the run that lost it, not only in a rerun.
 */
export async function traceTickets(redis: Redis, ticketIds: string[], prefix: string): Promise<Record<string, unknown>[]> {
  const events = await redis.xrange(`${prefix}:activity`, '-', '+');
  return Promise.all(
    ticketIds.map(async (ticketId) => {
      const jobId = await redis.hget(`${prefix}:claims`, ticketId);
      const job = jobId ? await redis.hmget(`${prefix}:bull:tickets:${jobId}`, 'attemptsMade', 'failedReason', 'finishedOn', 'returnvalue') : [];
      return {
        ticketId,
        jobId,
        payload: jobId ? (await redis.hexists(`${prefix}:payloads`, jobId)) === 1 : undefined,
        pending: jobId ? await redis.zscore(`${prefix}:pending`, jobId) : undefined,
        job: jobId ? { attemptsMade: job[0], failedReason: job[1], finishedOn: job[2], returnvalue: job[3] } : undefined,
        stored: (await redis.hexists(`${prefix}:tickets`, ticketId)) === 1,
        events: events.filter(([, fields]) => fields.some((f) => f.includes(`"${ticketId}"`))).map(([id, fields]) => `${id} ${fields[1]}`),
      };
    }),
  );
}
