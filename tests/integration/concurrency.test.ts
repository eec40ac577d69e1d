import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '@iq/core';
import { startApi, startSystem, waitFor, type Api, type System } from '@iq/testkit';

// Concurrency: many submitters, many poppers, duplicate submissions racing each other,
// and first-in-first-out among equal priorities with a worker that runs jobs in parallel.

let sys: System;
/** A second API instance on the same Redis: poppers and submitters hit both. */
let api2: Api;
beforeAll(async () => {
  sys = await startSystem({ workerEnv: { WORKER_CONCURRENCY: '8' } });
  api2 = await startApi(sys.redis.url);
});
afterAll(async () => {
  await api2?.close();
  await sys?.stop();
});

type Event = { ts: string; type: string; data: Record<string, any> };

async function events(type?: string, ticketId?: string): Promise<Event[]> {
  // Straight from the stream: REST's /activity returns at most 200 events.
  const all: Event[] = await sys.api.services.views.recentActivity(100_000);
  return all.filter((e) => (type === undefined || e.type === type) && (ticketId === undefined || e.data.ticket_id === ticketId));
}

async function queueTickets(): Promise<any[]> {
  return (await sys.api.get('/queue?limit=1000')).body;
}

async function jobState(jobId: string): Promise<string | undefined> {
  return (await sys.api.get(`/jobs/${encodeURIComponent(jobId)}`)).body.state;
}

// Texts of several urgencies, so the processed queue holds many different priorities
// and many ties.
const TEXTS = [
  { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' },
  { subject: 'Question about exports', body: 'How can I export my data? Thanks!' },
  { subject: 'Invoice question', body: 'I was charged twice on my invoice.' },
  { subject: 'Login broken', body: 'The login page is broken and I cannot work.' },
  { subject: 'Printer', body: 'The printer does not print.' },
  { subject: 'Cannot log in', body: 'The login page shows error 500 every time.' },
  { subject: 'Great', body: 'Great product, love it, thanks!' },
];

describe('200 concurrent submissions, 50 concurrent poppers', () => {
  it('hands every ticket out exactly once: none lost, none duplicated', async () => {
    await sys.api.del('/queue');
    const ids = Array.from({ length: 200 }, (_, i) => `load-${i}`);
    const ticket = (id: string, i: number) => ({ ticket_id: id, ...TEXTS[i % TEXTS.length]! });

    // 100 single POSTs and 10 batches of 10, all in flight at once, spread over two API instances.
    const singles = ids.slice(0, 100).map((id, i) => ({ kind: 'single' as const, tickets: [ticket(id, i)] }));
    const batches = Array.from({ length: 10 }, (_, b) => ({
      kind: 'batch' as const,
      tickets: ids.slice(100 + b * 10, 110 + b * 10).map((id, i) => ticket(id, 100 + b * 10 + i)),
    }));
    const requests = [...singles, ...batches].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(
      requests.map(async (r, i) => {
        const api = i % 2 === 0 ? sys.api : api2;
        if (r.kind === 'single') {
          const res = await api.post('/tickets', r.tickets[0]);
          expect(res.status).toBe(202);
          return [res.body];
        }
        const res = await api.post('/tickets/batch', r.tickets);
        expect(res.status).toBe(202);
        expect(res.body.accepted.map((a: any) => a.ticket_id)).toEqual(r.tickets.map((t) => t.ticket_id));
        return res.body.accepted;
      }),
    );
    const accepted = responses.flat();
    expect(accepted).toHaveLength(200);
    expect(accepted.every((a: any) => a.duplicate === false)).toBe(true);
    expect(new Set(accepted.map((a: any) => a.ticket_id))).toEqual(new Set(ids));
    expect(new Set(accepted.map((a: any) => a.job_id)).size).toBe(200);

    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 200, { what: '200 tickets processed', timeoutMs: 45_000 });
    // A job is stored a moment before BullMQ marks it completed.
    await waitFor(async () => (await sys.api.gql('{ queueStats { active } }')).data.queueStats.active === 0, { what: 'no active jobs' });
    const stats = await sys.api.gql('{ queueStats { size waiting active failed } }');
    expect(stats.data.queueStats).toEqual({ size: 200, waiting: 0, active: 0, failed: 0 });

    // Throughput, for information only: first ticket_accepted to last ticket_processed.
    const mine = (await events()).filter((e) => ids.includes(e.data.ticket_id));
    const acceptedAt = mine.filter((e) => e.type === 'ticket_accepted').map((e) => Date.parse(e.ts));
    const processedAt = mine.filter((e) => e.type === 'ticket_processed').map((e) => Date.parse(e.ts));
    expect(acceptedAt).toHaveLength(200);
    expect(processedAt).toHaveLength(200);
    const seconds = Math.max((Math.max(...processedAt) - Math.min(...acceptedAt)) / 1000, 0.001);
    console.log(`[concurrency] worker throughput: 200 tickets in ${seconds.toFixed(3)} s = ${(200 / seconds).toFixed(0)} tickets/s (concurrency 8)`);

    // 50 poppers, each popping until the queue is empty, over both API instances.
    const poppers = await Promise.all(
      Array.from({ length: 50 }, async (_, p) => {
        const api = p % 2 === 0 ? sys.api : api2;
        const got: any[] = [];
        for (;;) {
          const res = await api.get('/tickets/next');
          if (res.status === 404) {
            expect(res.body).toEqual({ detail: 'No tickets in queue' });
            return got;
          }
          expect(res.status).toBe(200);
          got.push(res.body);
        }
      }),
    );
    // Each ticket waited in the team of its category (no ticket named a team).
    for (const t of poppers.flat()) expect(t.team).toBe(t.category.toLowerCase());
    expect(new Set(poppers.flat().map((t) => t.team)).size).toBeGreaterThan(1);
    const popped = poppers.flat().map((t) => t.ticket_id);
    expect(popped).toHaveLength(200);
    expect(new Set(popped).size).toBe(200);
    expect(new Set(popped)).toEqual(new Set(ids));

    // Nothing arrived while popping, so each popper saw a non-increasing S (and priority).
    for (const got of poppers) {
      for (const field of ['urgency_score', 'priority_score']) {
        const values = got.map((t) => t[field]);
        expect([...values].sort((a, b) => b - a)).toEqual(values);
      }
    }

    expect((await sys.api.get('/queue/size')).body.size).toBe(0);
    for (const team of sys.api.services.teams.names) expect(await sys.redis.client.hlen(createKeys('iq', team).processedTickets)).toBe(0);
    const pops = (await events('ticket_popped')).filter((e) => ids.includes(e.data.ticket_id));
    expect(pops).toHaveLength(200);
  });
});

describe('duplicate submissions racing each other', () => {
  async function expectProcessedOnce(ticketId: string, jobId: string) {
    await waitFor(async () => (await jobState(jobId)) === 'completed', { what: `${jobId} completed` });
    expect((await queueTickets()).filter((t) => t.ticket_id === ticketId)).toEqual([expect.objectContaining({ job_id: jobId })]);
    expect(await events('ticket_accepted', ticketId)).toHaveLength(1);
    expect(await events('ticket_processed', ticketId)).toHaveLength(1);
    const jobs = (
      await Promise.all(sys.api.services.jobs.teams.map((t) => t.queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'])))
    ).flat();
    expect(jobs.filter((j) => j.data.ticket_id === ticketId).map((j) => j.id)).toEqual([jobId]);
  }

  it('10 concurrent REST submissions of one ticket id: one new, all the same job, processed once', async () => {
    const id = 'dupe-rest';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? sys.api : api2).post('/tickets', { ticket_id: id, subject: `Attempt ${i}`, body: 'The export is broken.' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(9);
    const jobIds = new Set(results.map((r) => r.body.job_id));
    expect(jobIds.size).toBe(1);
    await expectProcessedOnce(id, [...jobIds][0]!);
  });

  it('10 concurrent submissions of one ticket id over GraphQL and REST: same guarantees', async () => {
    const id = 'dupe-mixed';
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const api = i % 4 < 2 ? sys.api : api2;
        if (i % 2 === 0) {
          const res = await api.gql(
            'mutation($input: TicketInput!) { submitTicket(input: $input) { ticketId jobId duplicate } }',
            { input: { ticketId: id, subject: `GraphQL attempt ${i}`, body: 'The export is broken.' } },
          );
          expect(res.errors).toBeUndefined();
          return { via: 'graphql', ticketId: res.data.submitTicket.ticketId, jobId: res.data.submitTicket.jobId, duplicate: res.data.submitTicket.duplicate };
        }
        const res = await api.post('/tickets', { ticket_id: id, subject: `REST attempt ${i}`, body: 'The export is broken.' });
        expect(res.status).toBe(202);
        return { via: 'rest', ticketId: res.body.ticket_id, jobId: res.body.job_id, duplicate: res.body.duplicate };
      }),
    );
    expect(results.every((r) => r.ticketId === id)).toBe(true);
    expect(results.filter((r) => r.duplicate === false)).toHaveLength(1);
    const jobIds = new Set(results.map((r) => r.jobId));
    expect(jobIds.size).toBe(1);
    await expectProcessedOnce(id, [...jobIds][0]!);
  });
});

describe('first-in, first-out among equal priorities', () => {
  it('pops equal-priority tickets in submission order; a more urgent one submitted last pops first', async () => {
    await sys.api.del('/queue');
    const same = { subject: 'Invoice question', body: 'I was charged twice on my invoice.' };
    // Not in lexicographic order, so a tie broken by member name would show.
    const ids = ['m', 'c', 'x', 'a', 'q', 'f', 'z', 'b'].map((s) => `fifo-${s}`);
    // Hold the worker (each of its team Workers) while submitting, so the eight jobs then run in parallel and
    // finish in whatever order they happen to.
    await Promise.all(sys.worker.workers.map((w) => w.pause()));
    try {
      for (const id of ids) {
        const res = await sys.api.post('/tickets', { ticket_id: id, ...same });
        expect(res.status).toBe(202);
        expect(res.body.duplicate).toBe(false);
      }
      const urgent = await sys.api.post('/tickets', {
        ticket_id: 'fifo-urgent',
        subject: 'Furious',
        body: 'This is terrible, I am furious, worst service ever, I hate it!!!',
      });
      expect(urgent.status).toBe(202);
    } finally {
      for (const w of sys.worker.workers) w.resume();
    }

    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === ids.length + 1, { what: 'FIFO tickets processed' });
    const queued = await queueTickets();
    const equal = queued.filter((t) => ids.includes(t.ticket_id));
    expect(new Set(equal.map((t) => t.urgency_score)).size).toBe(1);
    expect(queued.find((t) => t.ticket_id === 'fifo-urgent').urgency_score).toBeGreaterThan(equal[0].urgency_score);

    const popped: string[] = [];
    for (;;) {
      const res = await sys.api.get('/tickets/next');
      if (res.status === 404) break;
      popped.push(res.body.ticket_id);
    }
    expect(popped).toEqual(['fifo-urgent', ...ids]);
  });
});
