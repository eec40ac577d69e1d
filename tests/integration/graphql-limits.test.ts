import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getIntrospectionQuery } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer } from '@iq/testkit';

// The API's operation limits, over HTTP and WebSocket: aliases, cost, directives, tickets
// submitted per operation, schema discovery, and what a Redis outage looks like. No worker
// runs, so every accepted ticket stays a waiting job and the job counts show what was enqueued.

let redis: RedisServer;
let api: Api;
const apis: Api[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all(apis.map((a) => a.close()));
  await api?.close();
  await redis?.stop();
});

async function extraApi(env: Record<string, string>): Promise<Api> {
  const extra = await startApi(redis.url, env);
  apis.push(extra);
  return extra;
}

type Answer = { status: number; text: string; body: any };

/** A raw POST /graphql; `application/json` is the Accept for which yoga would answer validation errors with 200. */
async function post(url: string, query: string, variables?: Record<string, unknown>, accept = 'application/json'): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

function wsClient(url: string): Client {
  const client = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: true });
  clients.push(client);
  return client;
}

/** The whole answer to one operation over graphql-ws: a refused operation ends in `error`, an executed one in `complete`. */
async function overWs(url: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }> {
  const client = wsClient(url);
  return new Promise((resolve) => {
    let result: { data?: any; errors?: any[] } = {};
    client.subscribe({ query, variables }, {
      next: (value) => void (result = value as typeof result),
      error: (error) => resolve({ errors: Array.isArray(error) ? error : [error] }),
      complete: () => resolve(result),
    });
  });
}

/**
 * The first payload of a subscription over graphql-ws. A refused one ends at once; an
 * accepted one may wait for an event, so tickets are submitted until one arrives (the
 * subscription is not necessarily listening the moment it is accepted).
 */
async function firstOverWs(url: string, query: string): Promise<{ data?: any; errors?: any[] }> {
  const iterator = wsClient(url).iterate({ query });
  let first: { data?: any; errors?: any[] } | undefined;
  void iterator.next().then(
    (step) => void (first = step.value as typeof first),
    (error: unknown) => void (first = { errors: Array.isArray(error) ? error : [error] }),
  );
  let n = 0;
  await waitFor(async () => {
    if (!first) await api.post('/tickets', { ticket_id: `first-ws-${n++}`, subject: 's', body: 'b' });
    return first;
  }, { what: `a first answer to ${query}` });
  await iterator.return?.();
  return first!;
}

/** Refused with one clean GraphQL error: no data, the code, nothing internal. */
function expectRefused(answer: { data?: any; errors?: any[] }, code: string, message: RegExp): void {
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0].message).toMatch(message);
  expect(answer.errors![0].extensions.code).toBe(code);
  const text = JSON.stringify(answer);
  expect(text).not.toMatch(/\bat \S+ \(|\bat [^\s"]+:\d+:\d+/); // stack frames
  for (const internal of ['.ts:', '.js:', 'node_modules', 'stacktrace', 'Syntax Error', 'originalError']) expect(text).not.toContain(internal);
}

function expectRefusedHttp(answer: Answer, code: string, message: RegExp): void {
  expect(answer.status).toBe(400);
  expectRefused(answer.body, code, message);
  // yoga's transport hints stay on the server.
  expect(answer.body.errors![0].extensions).toEqual({ code });
}

/** Jobs in every team's queue, any state. */
async function enqueued(): Promise<number> {
  const counts = await Promise.all(api.services.jobs.teams.map((t) => t.queue.getJobCounts()));
  return counts.flatMap((c) => Object.values(c)).reduce((sum, n) => sum + n, 0);
}

const tickets = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ ticketId: `${prefix}-${i}`, subject: 's', body: 'b' }));
const aliased = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const BATCHES = (n: number) => `mutation B($t: [TicketInput!]!) { ${aliased(n, 'submitBatch(input: $t) { jobId }')} }`;
const TICKET = 'ticketId jobId subject body customerId channel category urgencyScore isUrgent priorityScore model createdAt processedAt';

describe('aliases', () => {
  it('150 aliases of submitBatch with 1000 tickets each are refused before anything is enqueued', async () => {
    const before = await enqueued();
    const answer = await post(api.url, BATCHES(150), { t: tickets(1000, 'alias') });
    expectRefusedHttp(answer, 'GRAPHQL_VALIDATION_FAILED', /^Aliases limit of 15 exceeded, found 150\.$/);
    expect(await enqueued()).toBe(before);
  });

  it('20 aliases of queueSize are refused, 15 pass; aliases inside fragments count', async () => {
    expectRefusedHttp(await post(api.url, `{ ${aliased(20, 'queueSize')} }`), 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 15 exceeded, found 20/);
    expect((await post(api.url, `{ ${aliased(15, 'queueSize')} }`)).body).toEqual({ data: expect.objectContaining({ a14: 0 }) });
    const viaFragment = `{ ...F } fragment F on Query { ${aliased(16, 'queueSize')} }`;
    expectRefusedHttp(await post(api.url, viaFragment), 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 15 exceeded, found 16/);
  });
});

describe('cost', () => {
  it('refuses a fragment-multiplied queue query with every field', async () => {
    // Each fragment spreads the next four times: 4³ copies of every ticket field under each alias.
    const fragments = [`fragment L3 on Ticket { ${TICKET} }`, ...[2, 1, 0].map((i) => `fragment L${i} on Ticket { ${`...L${i + 1} `.repeat(4)}}`)];
    const query = `{ ${aliased(10, 'queue(limit: 1000) { ...L0 }')} } ${fragments.join(' ')}`;
    expectRefusedHttp(await post(api.url, query), 'GRAPHQL_VALIDATION_FAILED', /^Query Cost limit of 5000 exceeded, found \d+/);
  });

  it('refuses aliases that multiply queue pages past GRAPHQL_MAX_LIST_ITEMS, literal or from variables', async () => {
    const cheap = `{ ${aliased(15, 'queue(limit: 1000) { ticketId }')} }`;
    expectRefusedHttp(await post(api.url, cheap), 'BAD_USER_INPUT', /^An operation may read at most 2000 records .* asks for 15000/);
    const viaVariables = `query($n: Int) { a: queue(limit: $n) { ticketId } b: activity(limit: $n) { type } c: queue(limit: $n) { ticketId } }`;
    expectRefusedHttp(await post(api.url, viaVariables, { n: 1000 }), 'BAD_USER_INPUT', /asks for 3000/);
    const two = await post(api.url, `{ ${aliased(2, 'queue(limit: 1000) { ticketId }')} }`);
    expect(two.body.errors).toBeUndefined();
  });

  it('lets every operation of the dashboard through', async () => {
    const webSrc = fileURLToPath(new URL('../../web/src', import.meta.url));
    const sources = readdirSync(webSrc, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f));
    const documents = sources.flatMap((f) => [...readFileSync(path.join(webSrc, f), 'utf8').matchAll(/graphql\(`([^`]*)`/g)].map((m) => m[1]!));
    // Three real claims, so the claim mutations answer as they do on the dashboard (a made-up
    // claim id would be a CONFLICT, which says nothing of the limits).
    const worker = await startWorker(redis.url);
    for (const t of tickets(3, 'dash-claim')) await api.post('/tickets', { ticket_id: t.ticketId, subject: t.subject, body: t.body });
    await waitFor(async () => (await api.services.tickets.size()) >= 3);
    await worker.close();
    const claim = async () => (await api.services.tickets.claimNext({ agent: 'dash', lease_seconds: 300 }))!;
    const [acked, released, extended] = [await claim(), await claim(), await claim()];
    const ref = (c: typeof acked) => ({ ticketId: c.ticket_id, claimId: c.claim_id });
    const variables: Record<string, Record<string, unknown>> = {
      AckTicket: ref(acked),
      ReleaseTicket: ref(released),
      ExtendLease: { ...ref(extended), leaseSeconds: 600 },
      ClaimNext: { agent: 'dash', leaseSeconds: 300, teams: ['billing'] },
      Claimed: { limit: 1000 },
      ActivityHistory: { limit: 1000 },
      QueuePage: { limit: 50, offset: 0, category: 'BILLING', search: 'refund', sort: 'OLDEST', team: 'billing' },
      QueueSummary: { highAbove: 0.8, team: 'billing' },
      PopNext: { teams: ['billing'] },
      QueuedTicket: { ticketId: 'dash-none' },
      PopTicket: { ticketId: 'dash-none' },
      RemoveTicket: { ticketId: 'dash-none' },
      SetUrgency: { ticketId: 'dash-none', urgencyScore: 0.9, reason: 'why' },
      FailedJobs: { limit: 100 },
      RetryJob: { jobId: 'dash-none~1' },
      JobState: { id: 'dashboard-job' },
      SubmitTicket: { input: { ticketId: 'dash-1', subject: 's', body: 'b' } },
      SubmitBatch: { input: tickets(2, 'dash-batch') },
    };
    const names: string[] = [];
    for (const document of documents) {
      const [, kind, name] = /^\s*(query|mutation|subscription)\s+(\w+)/.exec(document)!;
      names.push(name!);
      const answer = kind === 'subscription' ? await firstOverWs(api.url, document) : (await post(api.url, document, variables[name!])).body;
      // A made-up job cannot be retried: that answer is the domain's, past every limit.
      const errors = name === 'RetryJob' ? answer.errors?.filter((e: { extensions?: { code?: string } }) => e.extensions?.code !== 'NOT_FOUND') : answer.errors;
      expect(errors?.length ? errors : undefined, `${name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
    }
    expect(names).toEqual(
      expect.arrayContaining(['QueuePage', 'QueueSummary', 'QueuedTicket', 'PopTicket', 'RemoveTicket', 'FailedJobs', 'RetryJob', 'Health', 'SubmitBatch', 'PopNext', 'QueueStats', 'LiveActivity', 'ClaimNext', 'AckTicket', 'Claimed', 'TeamQueues']),
    );
  });
});

describe('directives, and the older depth and token limits', () => {
  it('refuses an operation flooded with directives', async () => {
    const answer = await post(api.url, `{ queueSize ${'@skip(if: false) '.repeat(50)}}`);
    expectRefusedHttp(answer, 'GRAPHQL_VALIDATION_FAILED', /^Directives limit of 10 exceeded, found 50\.$/);
  });

  it('refuses too deep and too long documents with a code and a 400, without "Syntax Error"', async () => {
    const deep = `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(12)}name${' }'.repeat(12)} } } } }`;
    expectRefusedHttp(await post(api.url, deep), 'GRAPHQL_VALIDATION_FAILED', /^Query depth limit of 15 exceeded, found 16\.$/);
    // A parse error: 400 for GraphQL-over-HTTP clients, as a syntax error is.
    const long = await post(api.url, `{ ${'queueSize '.repeat(2_001)}}`, undefined, 'application/graphql-response+json');
    expectRefusedHttp(long, 'GRAPHQL_PARSE_FAILED', /^Token limit of 2000 exceeded\.$/);
  });
});

describe('tickets submitted per operation', () => {
  it('refuses 2 aliases × 600 tickets (1200 > 1000) whole, and enqueues nothing', async () => {
    const before = await enqueued();
    const answer = await post(api.url, BATCHES(2), { t: tickets(600, 'cap-over') });
    expectRefusedHttp(answer, 'BAD_USER_INPUT', /at most 1000 tickets; this one submits 1200/);
    expect(await enqueued()).toBe(before);
  });

  it('accepts 2 aliases × 400 tickets and enqueues all 800', async () => {
    const before = await enqueued();
    const query = 'mutation B($a: [TicketInput!]!, $b: [TicketInput!]!) { a: submitBatch(input: $a) { jobId } b: submitBatch(input: $b) { jobId } }';
    const answer = await post(api.url, query, { a: tickets(400, 'cap-a'), b: tickets(400, 'cap-b') });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect([answer.body.data.a.length, answer.body.data.b.length]).toEqual([400, 400]);
    expect(await enqueued()).toBe(before + 800);
  });

  it('counts literal lists, variable defaults, submitTicket, fragments and inline fragments', async () => {
    const small = await extraApi({ BATCH_MAX_ITEMS: '3' });
    const t = '{subject: "s", body: "b"}';
    const before = await enqueued();
    const literal = `mutation { a: submitBatch(input: [${t}, ${t}]) { jobId } ...M } fragment M on Mutation { b: submitTicket(input: ${t}) { jobId } ... on Mutation { c: submitTicket(input: ${t}) { jobId } } }`;
    expectRefusedHttp(await post(small.url, literal), 'BAD_USER_INPUT', /at most 3 tickets; this one submits 4/);
    const defaults = `mutation D($t: [TicketInput!]! = [${t}, ${t}]) { a: submitBatch(input: $t) { jobId } b: submitBatch(input: $t) { jobId } }`;
    expectRefusedHttp(await post(small.url, defaults), 'BAD_USER_INPUT', /this one submits 4/);
    expect(await enqueued()).toBe(before);

    const three = await post(small.url, `mutation { a: submitBatch(input: [${t}, ${t}]) { jobId } b: submitTicket(input: ${t}) { jobId } }`);
    expect(three.body.errors).toBeUndefined();
    expect(await enqueued()).toBe(before + 3);
  });
});

describe('over WebSocket', () => {
  it('refuses too many aliases, cost, directives, tokens and tickets; enqueues nothing', async () => {
    const before = await enqueued();
    expectRefused(await overWs(api.url, BATCHES(150), { t: tickets(1000, 'ws-alias') }), 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 15 exceeded/);
    expectRefused(await overWs(api.url, `{ ${aliased(20, 'queueSize')} }`), 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 15 exceeded/);
    const costly = `{ queue(limit: 1000) { ${'...T '.repeat(200)}} } fragment T on Ticket { ${TICKET} }`;
    expectRefused(await overWs(api.url, costly), 'GRAPHQL_VALIDATION_FAILED', /Query Cost limit of 5000 exceeded/);
    expectRefused(await overWs(api.url, `{ queueSize ${'@skip(if: false) '.repeat(11)}}`), 'GRAPHQL_VALIDATION_FAILED', /Directives limit of 10 exceeded/);
    expectRefused(await overWs(api.url, `{ ${'queueSize '.repeat(2_001)}}`), 'GRAPHQL_PARSE_FAILED', /^Token limit of 2000 exceeded/);
    expectRefused(await overWs(api.url, BATCHES(2), { t: tickets(600, 'ws-cap') }), 'BAD_USER_INPUT', /this one submits 1200/);
    expect(await enqueued()).toBe(before);

    const accepted = await overWs(api.url, BATCHES(2), { t: tickets(400, 'ws-ok') });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.a0).toHaveLength(400);
    // The same ids in both aliases: the second batch is all duplicates.
    expect(await enqueued()).toBe(before + 400);
  });
});

const INTROSPECT = '{ __schema { queryType { name } } }';
const TYPO = 'mutation { clearQueu }';
const BAD_VARIABLE = ['mutation S($i: TicketInput!) { submitTicket(input: $i) { jobId } }', { i: { subjct: 's', subject: 's', body: 'b' } }] as const;

async function expectDiscoverable(target: Api, on: boolean): Promise<void> {
  const introspection = await post(target.url, INTROSPECT);
  const typeQuery = await post(target.url, '{ __type(name: "Ticket") { name } }');
  const typo = await post(target.url, TYPO);
  const badVariable = await post(target.url, ...BAD_VARIABLE);
  const page = await fetch(`${target.url}/graphql`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (on) {
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    // GraphiQL's own introspection passes the depth and cost limits.
    expect((await post(target.url, getIntrospectionQuery())).body.errors).toBeUndefined();
    expect(typeQuery.body).toEqual({ data: { __type: { name: 'Ticket' } } });
    expect(typo.body.errors[0].message).toContain('Did you mean "clearQueue"?');
    expect(badVariable.body.errors[0].message).toContain('Did you mean "subject"?');
    expect(html).toMatch(/graphiql/i);
  } else {
    expect(introspection.body.errors[0].message).toMatch(/introspection has been disabled/);
    expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typeQuery.body.errors[0].message).toMatch(/introspection has been disabled/);
    expect(typo.body.errors[0].message).toBe('Cannot query field "clearQueu" on type "Mutation".');
    expect(badVariable.body.errors[0].message).toMatch(/Field "subjct" is not defined by type "TicketInput"\.$/);
    expect(html).not.toMatch(/graphiql/i);
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
  }
  expect((await post(target.url, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
}

describe('introspection and field suggestions', () => {
  it('are on by default (NODE_ENV unset), with GraphiQL', async () => {
    await expectDiscoverable(api, true);
  });

  it('are off with NODE_ENV=production, GraphiQL with them, over WebSocket too', async () => {
    const production = await extraApi({ NODE_ENV: 'production', AUTH: 'none' });
    await expectDiscoverable(production, false);
    expect((await overWs(production.url, INTROSPECT)).errors![0].message).toMatch(/introspection has been disabled/);
    const typo = await overWs(production.url, TYPO);
    expect(typo.errors![0].message).toBe('Cannot query field "clearQueu" on type "Mutation".');
    const badVariable = await overWs(production.url, ...BAD_VARIABLE);
    expect(JSON.stringify(badVariable.errors)).not.toContain('Did you mean');
  });

  it('follow GRAPHQL_INTROSPECTION when it is set, whatever NODE_ENV says', async () => {
    await expectDiscoverable(await extraApi({ NODE_ENV: 'production', AUTH: 'none', GRAPHQL_INTROSPECTION: 'true' }), true);
    await expectDiscoverable(await extraApi({ GRAPHQL_INTROSPECTION: 'false' }), false);
  });
});

describe('a Redis outage', () => {
  let outageRedis: RedisServer;
  let outageApi: Api;
  let down = false;
  beforeAll(async () => {
    outageRedis = await startRedisServer();
    outageApi = await startApi(outageRedis.url, { LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    if (down) await outageRedis.restart('SIGTERM');
    await outageApi?.close();
    await outageRedis?.stop();
  });

  it('other failures stay masked as "Unexpected error."', async () => {
    // A key of the wrong type: Redis answers, with an error the API does not expect.
    await outageRedis.client.set(outageApi.services.teams.team('billing').keys.processedIndex, 'not a sorted set');
    const answer = await post(outageApi.url, '{ queueSize }');
    expect(answer.status).not.toBe(503);
    expect(answer.body.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(answer.text).not.toContain('WRONGTYPE');
    await outageRedis.client.del(outageApi.services.keys.processedIndex);
  });

  it('is 503 SERVICE_UNAVAILABLE on /graphql, for queries and mutations alike', async () => {
    down = true;
    // SHUTDOWN stops redis-server for good (the testkit's restart() brings it back in afterAll).
    await outageRedis.client.call('shutdown').catch(() => undefined);
    for (const query of ['{ queueSize }', 'mutation { submitTicket(input: {subject: "s", body: "b"}) { jobId } }']) {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const answer = await post(outageApi.url, query, undefined, accept);
        expect(answer.status).toBe(503);
        expect(answer.body.data ?? null).toBeNull();
        expect(answer.body.errors).toEqual([
          expect.objectContaining({ message: 'Service unavailable: Redis is unreachable', extensions: { code: 'SERVICE_UNAVAILABLE' } }),
        ]);
        expect(answer.text).not.toMatch(/ECONNREFUSED|MaxRetries|Connection is closed/);
      }
    }
  });
});
