import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, buildSchema, parse, validate } from 'graphql';
import { createKeys } from '@iq/core';
import { GRAPHIQL_EXAMPLES } from '@iq/server/graphql/graphiql-examples';
import { startApi, startSystem, waitFor, type Api, type System } from '@iq/testkit';

let sys: System;
const extraApis: Api[] = [];
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await Promise.all(extraApis.map((api) => api.close()));
  await sys?.stop();
});

const TICKET_FIELDS = 'ticketId jobId subject body customerId channel category team urgencyScore isUrgent priorityScore model createdAt processedAt';
const JOB_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;

const SUBMIT = `mutation Submit($input: TicketInput!) { submitTicket(input: $input) { ticketId jobId duplicate } }`;
const SUBMIT_BATCH = `mutation Batch($input: [TicketInput!]!) { submitBatch(input: $input) { ticketId jobId duplicate } }`;

const TEXTS = {
  angry: { subject: 'Furious!!!', body: 'This is terrible, awful, the worst service. I hate it.' },
  mid: { subject: 'Export not working', body: 'The CSV export does not work for me.' },
  calm: { subject: 'Question about exports', body: 'How can I export my data? Thanks, great product!' },
  technical: { subject: 'App crashes on login', body: 'The app crashes with error 500 every time I log in.' },
  billing: { subject: 'Refund for double charge', body: 'I was charged twice this month, please refund the second payment.' },
  legal: { subject: 'GDPR request', body: 'My lawyer asks you to delete my personal data under GDPR.' },
  general: { subject: 'Feature idea', body: 'It would be lovely to have a dark mode. Keep up the good work!' },
};

/** A GraphQL operation whose response must have no errors; returns `data`. */
async function gqlData(query: string, variables?: Record<string, unknown>, api: Api = sys.api): Promise<any> {
  const res = await api.gql(query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data;
}

const submit = async (input: Record<string, unknown>) => (await gqlData(SUBMIT, { input })).submitTicket;

/** The processed ticket as GraphQL lists it, once the worker has stored it. */
async function processedTicket(ticketId: string): Promise<any> {
  return waitFor(
    async () => (await gqlData(`{ queue(limit: 1000) { ${TICKET_FIELDS} } }`)).queue.find((t: any) => t.ticketId === ticketId),
    { what: `${ticketId} processed` },
  );
}

/** Waits until no job is waiting or active, so the processed queue stops changing. */
async function settle(): Promise<void> {
  await waitFor(async () => {
    const { queueStats } = await gqlData('{ queueStats { waiting active } }');
    return queueStats.waiting === 0 && queueStats.active === 0;
  }, { what: 'the worker to drain the queue' });
}

/** Every BullMQ job (any state, any team's queue) carrying one of these ticket ids. */
async function jobsFor(ticketIds: string[]) {
  const jobs = (await Promise.all(sys.api.services.jobs.teams.map((t) => t.queue.getJobs([...JOB_STATES])))).flat();
  return jobs.filter((job) => ticketIds.includes(job.data.ticket_id));
}

async function expectNothingEnqueued(ticketIds: string[]): Promise<void> {
  for (const id of ticketIds) {
    for (const team of sys.api.services.teams.names) {
      expect(await sys.redis.client.hexists(createKeys('iq', team).claims, id), `${team} claim for ${id}`).toBe(0);
    }
    expect(await sys.redis.client.hexists(createKeys('iq').claimOwners, id), `owner record for ${id}`).toBe(0);
  }
  expect(await jobsFor(ticketIds)).toEqual([]);
  const events = await gqlData('{ activity(limit: 1000) { ticketId } }');
  expect(events.activity.filter((e: any) => ticketIds.includes(e.ticketId))).toEqual([]);
}

/**
 * Compares activity event ids (`<ms>-<seq>-<team>`: a team's stream id and its team, or
 * `<ms>-<seq>` from the deployment-wide stream); equal stream ids of two teams by the whole id.
 */
function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-', 2).map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-', 2).map(BigInt) as [bigint, bigint];
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** The team whose stream an activity event id comes from (`<ms>-<seq>-<team>`). */
const teamOfEvent = (id: string) => id.split('-').slice(2).join('-');

describe('GraphQL: submitting tickets', () => {
  it('submitTicket returns the ticket id, a job id and duplicate: false; the worker processes it', async () => {
    const submission = await submit({ ticketId: 'gql-1', customerId: 'c-7', channel: 'chat', ...TEXTS.technical });
    expect(submission).toEqual({ ticketId: 'gql-1', jobId: expect.any(String), duplicate: false });
    expect(submission.jobId).not.toBe('');

    const ticket = await processedTicket('gql-1');
    expect(ticket).toMatchObject({
      ticketId: 'gql-1',
      jobId: submission.jobId,
      subject: TEXTS.technical.subject,
      body: TEXTS.technical.body,
      customerId: 'c-7',
      channel: 'chat',
      category: 'TECHNICAL',
      team: 'technical',
      model: 'vader-lexicon',
    });
    expect(ticket.urgencyScore).toBeGreaterThanOrEqual(0);
    expect(ticket.urgencyScore).toBeLessThanOrEqual(1);
    expect(ticket.isUrgent).toBe(ticket.urgencyScore >= 0.5);
    expect(Number.isInteger(ticket.priorityScore)).toBe(true);
    expect(Math.abs(ticket.priorityScore - ticket.urgencyScore * 10)).toBeLessThanOrEqual(0.5);
    expect(Number.isNaN(Date.parse(ticket.createdAt))).toBe(false);
    expect(Date.parse(ticket.processedAt)).toBeGreaterThanOrEqual(Date.parse(ticket.createdAt));
  });

  it('generates a ticket id when none is given; optional fields come back null', async () => {
    const submission = await submit(TEXTS.general);
    expect(submission.ticketId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(submission.duplicate).toBe(false);
    const other = await submit(TEXTS.general);
    expect(other.ticketId).not.toBe(submission.ticketId);
    expect(other.jobId).not.toBe(submission.jobId);

    const ticket = await processedTicket(submission.ticketId);
    expect(ticket).toMatchObject({ jobId: submission.jobId, customerId: null, channel: null });
  });

  it('a duplicate submission returns the same job id with duplicate: true and is processed once', async () => {
    const first = await submit({ ticketId: 'gql-dup', ...TEXTS.mid });
    const second = await submit({ ticketId: 'gql-dup', subject: 'changed', body: 'changed' });
    expect(second).toEqual({ ticketId: 'gql-dup', jobId: first.jobId, duplicate: true });

    const ticket = await processedTicket('gql-dup');
    expect(ticket.subject).toBe(TEXTS.mid.subject);
    const third = await submit({ ticketId: 'gql-dup', ...TEXTS.mid });
    expect(third).toEqual({ ticketId: 'gql-dup', jobId: first.jobId, duplicate: true });

    expect((await jobsFor(['gql-dup'])).map((job) => job.id)).toEqual([first.jobId]);
    const events = (await gqlData('{ activity(limit: 1000) { type ticketId } }')).activity.filter((e: any) => e.ticketId === 'gql-dup');
    expect(events.map((e: any) => e.type)).toEqual(['ticket_processed', 'ticket_accepted']);
  });

  it('submitBatch returns one submission per item in request order', async () => {
    const input = [
      { ticketId: 'gb-3', ...TEXTS.calm },
      { ticketId: 'gb-1', ...TEXTS.angry },
      { ...TEXTS.mid },
      { ticketId: 'gb-2', ...TEXTS.billing },
    ];
    const { submitBatch } = await gqlData(SUBMIT_BATCH, { input });
    expect(submitBatch).toHaveLength(4);
    expect(submitBatch.map((s: any) => s.ticketId)).toEqual(['gb-3', 'gb-1', submitBatch[2].ticketId, 'gb-2']);
    expect(submitBatch[2].ticketId).toMatch(/^[0-9a-f-]{36}$/);
    for (const s of submitBatch) expect(s).toMatchObject({ jobId: expect.any(String), duplicate: false });
    expect(new Set(submitBatch.map((s: any) => s.jobId)).size).toBe(4);

    for (const s of submitBatch) expect((await processedTicket(s.ticketId)).jobId).toBe(s.jobId);
  });

  it('a batch repeating an id already queued marks only that item duplicate', async () => {
    const first = await submit({ ticketId: 'gb-mixed-old', ...TEXTS.mid });
    const { submitBatch } = await gqlData(SUBMIT_BATCH, {
      input: [{ ticketId: 'gb-mixed-new', ...TEXTS.mid }, { ticketId: 'gb-mixed-old', ...TEXTS.mid }],
    });
    expect(submitBatch).toEqual([
      { ticketId: 'gb-mixed-new', jobId: expect.any(String), duplicate: false },
      { ticketId: 'gb-mixed-old', jobId: first.jobId, duplicate: true },
    ]);
  });

  it('a batch with one invalid item fails with BAD_USER_INPUT naming input[1].subject and enqueues nothing', async () => {
    const res = await sys.api.gql(SUBMIT_BATCH, {
      input: [
        { ticketId: 'gbad-1', ...TEXTS.technical },
        { ticketId: 'gbad-2', subject: 's'.repeat(501), body: 'x' },
        { ticketId: 'gbad-3', ...TEXTS.billing },
      ],
    });
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('input[1].subject');
    expect(res.errors![0].message).not.toContain('input[0]');
    expect(res.errors![0].message).not.toContain('input[2]');
    await expectNothingEnqueued(['gbad-1', 'gbad-2', 'gbad-3']);
  });

  it.each([
    ['a subject over 500 characters', { ticketId: 'ginv-2', subject: 's'.repeat(501), body: 'x' }, 'input.subject'],
    ['a body over 20,000 characters', { ticketId: 'ginv-3', subject: 's', body: 'b'.repeat(20_001) }, 'input.body'],
    ['a ticket id with a control character', { ticketId: 'ginv\t4', subject: 's', body: 'b' }, 'input.ticketId'],
    ['an empty ticket id', { ticketId: '', subject: 's', body: 'b' }, 'input.ticketId'],
    ['a ticket id over 128 characters', { ticketId: `ginv-5${'x'.repeat(128)}`, subject: 's', body: 'b' }, 'input.ticketId'],
  ])('submitTicket with %s fails with BAD_USER_INPUT naming %s and enqueues nothing', async (_name, input, field) => {
    const res = await sys.api.gql(SUBMIT, { input });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain(field);
    await expectNothingEnqueued([input.ticketId]);
  });

  it('an item with a bad ticket id deep in a batch is named by index', async () => {
    const input = Array.from({ length: 5 }, (_, i) => ({ ticketId: `gidx-${i}`, ...TEXTS.mid }));
    input[3]!.ticketId = 'gidx\n3';
    const res = await sys.api.gql(SUBMIT_BATCH, { input });
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('input[3].ticketId');
    await expectNothingEnqueued(input.map((t) => t.ticketId));
  });

  it('an empty batch submits nothing, as REST', async () => {
    expect(await sys.api.gql(SUBMIT_BATCH, { input: [] })).toEqual({ data: { submitBatch: [] } });
  });

  it('takes the ticket ids REST takes: spaces, slashes, #, : and emoji, with URL-safe job ids', async () => {
    const ids = ['g FE 5', 'g/a/b', 'g#1', 'g:2', 'g 😀'];
    const res = await gqlData(SUBMIT_BATCH, { input: ids.map((ticketId) => ({ ticketId, subject: '', body: '' })) });
    expect(res.submitBatch.map((s: any) => s.ticketId)).toEqual(ids);
    for (const { jobId } of res.submitBatch) {
      expect(jobId).toMatch(/^[A-Za-z0-9._~-]+$/);
      await waitFor(async () => (await gqlData('query J($id: ID!) { job(id: $id) { state } }', { id: jobId })).job.state === 'COMPLETED', {
        what: `${jobId} completed`,
      });
    }
  });

  it('a missing required field is a GraphQL validation error and nothing is enqueued', async () => {
    const single = await sys.api.gql('mutation { submitTicket(input: {ticketId: "gmiss-1", subject: "Help"}) { ticketId } }');
    expect(single.data).toBeUndefined();
    expect(single.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(single.errors![0].message).toContain('body');

    const batch = await sys.api.gql(
      'mutation { submitBatch(input: [{ticketId: "gmiss-2", subject: "a", body: "b"}, {ticketId: "gmiss-3", body: "b"}]) { ticketId } }',
    );
    expect(batch.data).toBeUndefined();
    expect(batch.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(batch.errors![0].message).toContain('subject');

    // The same through variables: rejected while coercing them, before any resolver runs.
    const viaVariables = await sys.api.gql(SUBMIT_BATCH, {
      input: [{ ticketId: 'gmiss-4', subject: 'a', body: 'b' }, { ticketId: 'gmiss-5', subject: 'a' }],
    });
    expect(viaVariables.data).toBeUndefined();
    expect(viaVariables.errors![0].message).toContain('"body" of required type "String!" was not provided');

    await expectNothingEnqueued(['gmiss-1', 'gmiss-2', 'gmiss-3', 'gmiss-4', 'gmiss-5']);
  });
});

describe('GraphQL: the processed queue', () => {
  it('queue, queueSize, queueStats and peek in pop order; popNext until null; clearQueue counts', async () => {
    await settle();
    await gqlData('mutation { clearQueue }');
    expect(await gqlData('{ queueSize peek { ticketId } queue { ticketId } }')).toEqual({ queueSize: 0, peek: null, queue: [] });
    expect((await gqlData('mutation { popNext { ticketId } }')).popNext).toBeNull();

    await gqlData(SUBMIT_BATCH, {
      input: [
        { ticketId: 'q-calm', ...TEXTS.calm },
        { ticketId: 'q-tie-1', ...TEXTS.mid },
        { ticketId: 'q-angry', ...TEXTS.angry },
        { ticketId: 'q-tie-2', ...TEXTS.mid },
      ],
    });
    await waitFor(async () => (await gqlData('{ queueSize }')).queueSize === 4, { what: '4 processed tickets' });

    const { queue } = await gqlData(`{ queue { ${TICKET_FIELDS} } }`);
    const teamOf = Object.fromEntries(queue.map((t: any) => [t.ticketId, t.team]));
    // Most urgent first (across the teams); equal S first-in, first-out.
    expect(queue.map((t: any) => t.ticketId)).toEqual(['q-angry', 'q-tie-1', 'q-tie-2', 'q-calm']);
    const scores = queue.map((t: any) => t.urgencyScore);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(queue[1].urgencyScore).toBe(queue[2].urgencyScore);
    expect(queue[0].urgencyScore).toBeGreaterThan(queue[1].urgencyScore);
    for (const t of queue) expect(Number.isInteger(t.priorityScore)).toBe(true);

    expect((await gqlData('{ queue(limit: 2, offset: 1) { ticketId } }')).queue.map((t: any) => t.ticketId)).toEqual(['q-tie-1', 'q-tie-2']);
    expect((await gqlData('{ queue(limit: 1000, offset: 3) { ticketId } }')).queue.map((t: any) => t.ticketId)).toEqual(['q-calm']);
    expect((await gqlData('{ queue(offset: 4) { ticketId } }')).queue).toEqual([]);

    expect(await gqlData('{ queueSize queueStats { size waiting active failed } }')).toEqual({
      queueSize: 4,
      queueStats: { size: 4, waiting: 0, active: 0, failed: 0 },
    });

    const { peek } = await gqlData(`{ peek { ${TICKET_FIELDS} } }`);
    expect(peek).toEqual(queue[0]);
    expect((await gqlData('{ queueSize }')).queueSize).toBe(4);

    const pop = () => gqlData(`mutation { popNext { ${TICKET_FIELDS} } }`).then((d) => d.popNext);
    expect(await pop()).toEqual(queue[0]);
    expect(await gqlData('{ queueSize peek { ticketId } }')).toEqual({ queueSize: 3, peek: { ticketId: 'q-tie-1' } });
    expect((await pop()).ticketId).toBe('q-tie-1');

    expect((await gqlData('mutation { clearQueue }')).clearQueue).toBe(2);
    expect(await gqlData('{ queueSize peek { ticketId } }')).toEqual({ queueSize: 0, peek: null });
    expect(await pop()).toBeNull();
    expect((await gqlData('mutation { clearQueue }')).clearQueue).toBe(0);

    const types = (await gqlData('{ activity(limit: 20) { id type ticketId data } }')).activity;
    // Each team records its own queue_cleared: per team, newest first, the empty second
    // clear's, then the first clear's with what that team held (q-tie-2 and q-calm).
    const teams: readonly string[] = sys.api.services.teams.names;
    const cleared = (team: string) => types.filter((e: any) => e.type === 'queue_cleared' && teamOfEvent(e.id) === team).map((e: any) => e.data.cleared);
    const held = (team: string) => ['q-tie-2', 'q-calm'].filter((id) => teamOf[id] === team).length;
    expect(Object.fromEntries(teams.map((team) => [team, cleared(team).slice(0, 2)]))).toEqual(Object.fromEntries(teams.map((team) => [team, [0, held(team)]])));
    expect(types.find((e: any) => e.type === 'ticket_popped' && e.ticketId === 'q-angry')).toBeDefined();
  });

  it.each([
    ['queue(limit: 0)', 'limit'],
    ['queue(limit: 1001)', 'limit'],
    ['queue(offset: -1)', 'offset'],
  ])('%s is BAD_USER_INPUT naming %s', async (field, name) => {
    const res = await sys.api.gql(`{ ${field} { ticketId } }`);
    expect(res.data ?? null).toBeNull();
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(new RegExp(`^${name}\\b`));
  });

  it('accepts the paging bounds exactly', async () => {
    expect((await gqlData('{ a: queue(limit: 1) { ticketId } b: queue(limit: 1000, offset: 0) { ticketId } }')).a).toEqual(expect.any(Array));
  });
});

describe('GraphQL: jobs, activity, urgency, health, categories', () => {
  it('job(id) is COMPLETED with its ticket id once processed; UNKNOWN for an unknown id', async () => {
    const submission = await submit({ ticketId: 'gjob-1', ...TEXTS.billing });
    await processedTicket('gjob-1');
    const query = 'query Job($id: ID!) { job(id: $id) { id ticketId state } }';
    expect((await gqlData(query, { id: submission.jobId })).job).toEqual({ id: submission.jobId, ticketId: 'gjob-1', state: 'COMPLETED' });
    expect((await gqlData(query, { id: 'no-such-job' })).job).toEqual({ id: 'no-such-job', ticketId: null, state: 'UNKNOWN' });
  });

  it('activity(limit) lists events newest first with ticket ids and data', async () => {
    const submission = await submit({ ticketId: 'gact-1', ...TEXTS.technical });
    await processedTicket('gact-1');
    const { activity } = await gqlData('{ activity(limit: 1000) { id ts type ticketId data } }');
    const mine = activity.filter((e: any) => e.ticketId === 'gact-1');
    expect(mine.map((e: any) => e.type)).toEqual(['ticket_processed', 'ticket_accepted']);
    expect(mine[0].data).toMatchObject({ ticket_id: 'gact-1', job_id: submission.jobId, category: 'Technical', urgency_score: expect.any(Number) });

    const ids: string[] = activity.map((e: any) => e.id);
    // Each stream (a team's: `-<team>` ids; the deployment-wide one) is in its own id order;
    // across streams the order is the events' time, checked below.
    const streamOf = (id: string) => id.split('-').slice(2).join('-');
    for (const stream of new Set(ids.map(streamOf))) {
      const own = ids.filter((id) => streamOf(id) === stream);
      expect([...own].sort((a, b) => compareStreamIds(b, a))).toEqual(own);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const times = activity.map((e: any) => Date.parse(e.ts));
    expect(times.every((t: number) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const two = (await gqlData('{ activity(limit: 2) { id } }')).activity;
    expect(two.map((e: any) => e.id)).toEqual(ids.slice(0, 2));
  });

  it.each(['activity(limit: 0)', 'activity(limit: 1001)'])('%s is BAD_USER_INPUT naming limit', async (field) => {
    const res = await sys.api.gql(`{ ${field} { id } }`);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/^limit\b/);
  });

  it('urgencyScore(text) scores angry text above calm text, an empty text 0; BAD_USER_INPUT naming text when too long', async () => {
    const query = 'query U($text: String!) { urgencyScore(text: $text) { urgencyScore isUrgent model } }';
    const angry = (await gqlData(query, { text: 'This is awful and I am furious, nothing works!' })).urgencyScore;
    const calm = (await gqlData(query, { text: 'Thanks, everything works great.' })).urgencyScore;
    expect(angry).toMatchObject({ isUrgent: true, model: 'vader-lexicon' });
    expect(calm).toMatchObject({ isUrgent: false, model: 'vader-lexicon' });
    expect(angry.urgencyScore).toBeGreaterThan(calm.urgencyScore);
    for (const r of [angry, calm]) {
      expect(r.urgencyScore).toBeGreaterThanOrEqual(0);
      expect(r.urgencyScore).toBeLessThanOrEqual(1);
    }

    expect((await gqlData(query, { text: '' })).urgencyScore).toEqual({ urgencyScore: 0, isUrgent: false, model: 'vader-lexicon' });
    const long = await sys.api.gql(query, { text: 'x'.repeat(20_502) });
    expect(long.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(long.errors![0].message).toMatch(/^text\b/);
  });

  it('health: status ok, Redis ok, the lexicon scorer and at least one live worker', async () => {
    const { health } = await gqlData('{ health { status redis model scorer { kind model reason } liveWorkers lastWorkerHeartbeat workerModels } }');
    expect(health).toMatchObject({
      status: 'ok',
      redis: 'ok',
      model: 'vader-lexicon',
      scorer: { kind: 'lexicon', model: 'vader-lexicon', reason: expect.any(String) },
      workerModels: ['vader-lexicon'],
    });
    expect(health.liveWorkers).toBeGreaterThanOrEqual(1);
    expect(Number.isNaN(Date.parse(health.lastWorkerHeartbeat))).toBe(false);
  });

  it.each([
    ['technical', 'TECHNICAL'],
    ['billing', 'BILLING'],
    ['legal', 'LEGAL'],
    ['general', 'GENERAL'],
  ] as const)('maps a %s text to the %s enum, and routes it to that team', async (kind, category) => {
    await submit({ ticketId: `gcat-${kind}`, ...TEXTS[kind] });
    expect(await processedTicket(`gcat-${kind}`)).toMatchObject({ category, team: kind });
  });
});

describe('REST and GraphQL see the same data', () => {
  it('a ticket submitted over REST is visible to GraphQL, field for field', async () => {
    const rest = await sys.api.post('/tickets', { ticket_id: 'x-rest', customer_id: 'c-1', channel: 'email', ...TEXTS.billing });
    expect(rest.status).toBe(202);
    const viaGql = await processedTicket('x-rest');
    const viaRest = (await sys.api.get('/queue?limit=1000')).body.find((t: any) => t.ticket_id === 'x-rest');
    expect(viaGql).toEqual({
      ticketId: viaRest.ticket_id,
      jobId: rest.body.job_id,
      subject: viaRest.subject,
      body: viaRest.body,
      customerId: 'c-1',
      channel: 'email',
      category: 'BILLING',
      team: viaRest.team,
      urgencyScore: viaRest.urgency_score,
      isUrgent: viaRest.is_urgent,
      priorityScore: viaRest.priority_score,
      model: viaRest.model,
      createdAt: viaRest.created_at,
      processedAt: viaRest.processed_at,
    });
    expect(viaRest).toMatchObject({ category: 'Billing', team: 'billing' });
    const { job } = await gqlData('query J($id: ID!) { job(id: $id) { ticketId state } }', { id: rest.body.job_id });
    expect(job).toEqual({ ticketId: 'x-rest', state: 'COMPLETED' });

    // The same id submitted over GraphQL is the REST submission's duplicate.
    expect(await submit({ ticketId: 'x-rest', ...TEXTS.billing })).toEqual({ ticketId: 'x-rest', jobId: rest.body.job_id, duplicate: true });
  });

  it('a ticket submitted over GraphQL is visible to REST', async () => {
    const submission = await submit({ ticketId: 'x-gql', ...TEXTS.legal });
    await waitFor(async () => (await sys.api.get(`/jobs/${encodeURIComponent(submission.jobId)}`)).body.state === 'completed', {
      what: 'x-gql completed',
    });
    expect((await sys.api.get(`/jobs/${encodeURIComponent(submission.jobId)}`)).body).toEqual({
      job_id: submission.jobId,
      ticket_id: 'x-gql',
      state: 'completed',
    });
    const viaRest = (await sys.api.get('/queue?limit=1000')).body.find((t: any) => t.ticket_id === 'x-gql');
    expect(viaRest).toMatchObject({ job_id: submission.jobId, category: 'Legal', subject: TEXTS.legal.subject });
    const events = (await sys.api.get('/activity?limit=200')).body.events.filter((e: any) => e.data.ticket_id === 'x-gql');
    expect(events.map((e: any) => e.type)).toEqual(['ticket_accepted', 'ticket_processed']);

    const dup = await sys.api.post('/tickets', { ticket_id: 'x-gql', ...TEXTS.legal });
    expect(dup.body).toMatchObject({ job_id: submission.jobId, duplicate: true });
  });

  it('popping over GraphQL removes the ticket from REST, and popping over REST from GraphQL', async () => {
    await settle();
    await sys.api.del('/queue');
    await sys.api.post('/tickets/batch', [
      { ticket_id: 'x-pop-angry', ...TEXTS.angry },
      { ticket_id: 'x-pop-calm', ...TEXTS.calm },
    ]);
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 2, { what: '2 processed tickets' });

    expect((await gqlData('mutation { popNext { ticketId } }')).popNext).toEqual({ ticketId: 'x-pop-angry' });
    expect((await sys.api.get('/queue')).body).toEqual([expect.objectContaining({ ticket_id: 'x-pop-calm' })]);

    const popped = await sys.api.get('/tickets/next');
    expect(popped.body.ticket_id).toBe('x-pop-calm');
    expect(await gqlData('{ queueSize queue { ticketId } peek { ticketId } }')).toEqual({ queueSize: 0, queue: [], peek: null });
    expect((await gqlData('mutation { popNext { ticketId } }')).popNext).toBeNull();
  });

  it('clearing over GraphQL is seen by REST, including the queue_cleared event', async () => {
    await settle();
    await sys.api.del('/queue');
    await submit({ ticketId: 'x-clear', ...TEXTS.mid });
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 1, { what: 'x-clear processed' });
    const { team } = (await sys.api.get('/queue/tickets/x-clear')).body;
    expect(team).toEqual(expect.any(String));
    expect((await gqlData('mutation { clearQueue }')).clearQueue).toBe(1);
    expect((await sys.api.get('/queue/size')).body).toEqual({ size: 0 });
    // Each team records its own queue_cleared: the latest events are one per team, and
    // only x-clear's team cleared a ticket.
    const teams: readonly string[] = sys.api.services.teams.names;
    const latest = (await sys.api.get(`/activity?limit=${teams.length}`)).body.events;
    expect(latest.map((e: any) => e.type)).toEqual(teams.map(() => 'queue_cleared'));
    expect(Object.fromEntries(latest.map((e: any) => [teamOfEvent(e.id), e.data.cleared]))).toEqual(
      Object.fromEntries(teams.map((t) => [t, t === team ? 1 : 0])),
    );
  });
});

/** A raw POST /graphql, for checking status and the exact response body. */
async function rawGql(url: string, query: string): Promise<{ status: number; text: string; body: any }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

/** A rejected operation: a GraphQL errors array, no data, and nothing internal leaked. */
function expectCleanRejection(res: { status: number; text: string; body: any }, message: RegExp): void {
  expect(res.status).toBeLessThan(500);
  expect(res.body.data ?? null).toBeNull();
  expect(Array.isArray(res.body.errors)).toBe(true);
  expect(res.body.errors.length).toBeGreaterThan(0);
  expect(res.body.errors[0].message).toMatch(message);
  expect(res.text).not.toMatch(/\bat \S+ \(|\bat [^\s"]+:\d+:\d+/); // stack frames
  expect(res.text).not.toContain('.ts:');
  expect(res.text).not.toContain('node_modules');
  expect(res.text).not.toContain('stacktrace');
}

async function expectHealthy(api: Api = sys.api): Promise<void> {
  expect((await gqlData('{ health { status } }', undefined, api)).health.status).toBe('ok');
}

/** `__type(...) { fields { type { ofType × k { name } } } }`: depth 4 + k. */
function introspectionOfDepth(depth: number): string {
  let selection = 'name';
  for (let i = 0; i < depth - 4; i++) selection = `ofType { ${selection} }`;
  return `{ __type(name: "Query") { fields { type { ${selection} } } } }`;
}

describe('GraphQL: operation limits', () => {
  it('accepts a query exactly 15 levels deep and rejects one 16 levels deep', async () => {
    const ok = await rawGql(sys.api.url, introspectionOfDepth(15));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.__type.fields.length).toBeGreaterThan(0);

    const tooDeep = await rawGql(sys.api.url, introspectionOfDepth(16));
    expectCleanRejection(tooDeep, /depth/i);
    await expectHealthy();
  });

  it('applies GRAPHQL_MAX_DEPTH to ordinary queries, fragments included', async () => {
    const shallow = await startApi(sys.redis.url, { GRAPHQL_MAX_DEPTH: '2' });
    extraApis.push(shallow);
    expect((await gqlData('{ health { status } }', undefined, shallow)).health.status).toBe('ok');

    expectCleanRejection(await rawGql(shallow.url, '{ health { scorer { kind } } }'), /depth/i);
    expectCleanRejection(await rawGql(shallow.url, 'query { health { ...S } } fragment S on Health { scorer { kind } }'), /depth/i);
    expectCleanRejection(await rawGql(shallow.url, '{ queue { ticketId } health { scorer { model } } }'), /depth/i);
    await expectHealthy(shallow);
  });

  it('rejects a document over 100 KB and accepts one at the limit', async () => {
    const pad = (bytes: number) => {
      const head = '{ queueSize } #';
      return head + 'x'.repeat(bytes - head.length);
    };
    const atLimit = await rawGql(sys.api.url, pad(100 * 1024));
    expect(atLimit.body).toEqual({ data: { queueSize: expect.any(Number) } });

    const tooLarge = await rawGql(sys.api.url, pad(100 * 1024 + 1));
    expectCleanRejection(tooLarge, /larger than|too large|size/i);
    await expectHealthy();
  });

  it('rejects an operation with too many tokens and accepts one under the limit', async () => {
    // The same field repeated (it merges into one answer): tokens without aliases, which have their own limit.
    const repeated = (n: number) => `{ ${Array.from({ length: n }, () => 'queueSize').join(' ')} }`;
    const under = await rawGql(sys.api.url, repeated(600)); // ~600 tokens (graphql-js aborts overlap checks past ~1,000 copies)
    expect(under.body.errors).toBeUndefined();
    expect(under.body.data).toEqual({ queueSize: expect.any(Number) });

    const over = await rawGql(sys.api.url, repeated(3_000)); // ~3,000 tokens
    expectCleanRejection(over, /token/i);
    await expectHealthy();
  });

  it('a syntax error is rejected cleanly too', async () => {
    expectCleanRejection(await rawGql(sys.api.url, '{ queueSize '), /Syntax Error/);
    await expectHealthy();
  });
});

describe('GraphiQL', () => {
  it('is served at GET /graphql to a browser, bundled rather than from a CDN', async () => {
    const response = await fetch(`${sys.api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    expect(html).not.toMatch(/unpkg/i);
    expect(html).not.toMatch(/jsdelivr/i);
  });

  it('opens with example operations, each valid against the schema and runnable', async () => {
    const html = await (await fetch(`${sys.api.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain(JSON.stringify(GRAPHIQL_EXAMPLES).slice(1, 80));
    const schema = buildSchema(readFileSync(fileURLToPath(new URL('../../schema.graphql', import.meta.url)), 'utf8'));
    const document = parse(GRAPHIQL_EXAMPLES);
    expect(validate(schema, document)).toEqual([]);
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.map((o) => o.operation)).toEqual(expect.arrayContaining(['query', 'mutation', 'subscription']));
    for (const operation of operations.filter((o) => o.operation !== 'subscription')) {
      const res = await fetch(`${sys.api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: GRAPHIQL_EXAMPLES, operationName: operation.name!.value }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect({ operation: operation.name!.value, errors: body.errors }).toEqual({ operation: operation.name!.value, errors: undefined });
    }
  });
});
