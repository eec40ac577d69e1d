import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ROUTE_RULES } from '@iq/server/access/route-access';
import { allows, type Action, type Role } from '@iq/core';
import { startSystem, waitFor, type System } from '@iq/testkit';

const KEYS = {
  submit: 'submit-key-0123456789abcdef',
  agent: 'agent-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
} as const satisfies Record<Role, string>;
const API_KEYS = Object.entries(KEYS)
  .map(([role, key]) => `${role}:${key}`)
  .join(',');
const ROLES = Object.keys(KEYS) as Role[];

const ticket = (id: string) => ({ ticket_id: id, subject: 'Printer on fire', body: 'Please help, it is urgent' });
let counter = 0;

/** A request that exercises a REST route; tickets get fresh ids so no call is a duplicate. */
function restCall(route: string): { method: string; path: string; body?: unknown } {
  const [method, path] = route.split(' ') as [string, string];
  switch (route) {
    case 'POST /tickets':
      return { method, path, body: ticket(`ac-${++counter}`) };
    case 'POST /tickets/batch':
      return { method, path, body: [ticket(`ac-${++counter}`)] };
    case 'POST /urgency-score':
      return { method, path, body: { text: 'Everything is down' } };
    case 'POST /tickets/:ticket_id/urgency':
      return { method, path: path.replace(':ticket_id', 'no-such-ticket'), body: { urgency_score: 0.9 } };
    default:
      return { method, path: path.replace(':job_id', 'no-such-job~1') };
  }
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('access control with API keys', () => {
  let sys: System;
  let url: string;

  const rest = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // GET /metrics answers Prometheus' text format, not JSON.
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, body: text && json ? JSON.parse(text) : text || undefined };
  };
  const gql = (query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) =>
    rest('POST', '/graphql', headers, { query, variables });

  beforeAll(async () => {
    sys = await startSystem({ apiEnv: { API_KEYS } });
    url = sys.api.url;
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('names only routes that exist (a typo would leave a route open)', () => {
    for (const route of Object.keys(ROUTE_RULES)) {
      const [method, path] = route.split(' ') as [string, string];
      expect(sys.api.app.hasRoute({ method: method as 'GET', url: path }), route).toBe(true);
    }
  });

  it('has a rule for every documented route but /health (a route without one is open to GET)', async () => {
    const OPEN = ['GET /health'];
    const document = (await rest('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`));
    expect(routes).toContain('GET /queue/teams');
    expect(routes.filter((route) => !OPEN.includes(route) && !(route in ROUTE_RULES))).toEqual([]);
  });

  it('asks for a key on the team routes and query parameters', async () => {
    for (const path of ['/queue/teams', '/queue/size?team=billing', '/tickets/peek?teams=billing,technical', '/queue?team=billing']) {
      expect((await rest('GET', path)).status, path).toBe(401);
      expect((await rest('GET', path, bearer(KEYS.submit))).status, path).toBe(403);
      const allowed = (await rest('GET', path, bearer(KEYS.agent))).status;
      expect([401, 403], path).not.toContain(allowed);
      expect(allowed, path).toBeLessThan(500);
    }
  });

  describe.each(Object.entries(ROUTE_RULES))('REST %s', (route, rule) => {
    it('answers 401 with WWW-Authenticate without a key, with an unknown key and with a malformed header', async () => {
      for (const headers of [{}, bearer('not-a-key-0123456789'), { authorization: KEYS.admin }, { authorization: `Basic ${KEYS.admin}` }]) {
        const { method, path, body } = restCall(route);
        const res = await rest(method, path, headers, body);
        expect(res.status, JSON.stringify(headers)).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(typeof res.body.detail).toBe('string');
        expect(JSON.stringify(res.body)).not.toContain(KEYS.admin);
      }
    });

    it.each(ROLES)('with a %s key: 403 unless the role allows it', async (role) => {
      const { method, path, body } = restCall(route);
      const res = await rest(method, path, bearer(KEYS[role]), body);
      if (allows(new Set([role]), rule.action)) {
        expect(res.status, JSON.stringify(res.body)).not.toBe(401);
        expect(res.status, JSON.stringify(res.body)).not.toBe(403);
        expect(res.status).toBeLessThan(500);
      } else {
        expect(res.status).toBe(403);
        expect(res.body.detail).toContain(`role (${role})`);
      }
    });
  });

  it('leaves /health, the docs and GraphiQL open', async () => {
    expect((await rest('GET', '/health')).status).toBe(200);
    expect((await rest('GET', '/openapi.json')).status).toBe(200);
    expect((await fetch(`${url}/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it("runs nothing under GraphiQL's page exemption: a query in the URL, or a key, is an operation", async () => {
    const html = { accept: 'text/html' };
    const query = encodeURIComponent('{ queueSize }');
    expect((await rest('GET', `/graphql?query=${query}`, html)).status).toBe(401);
    const keyed = await rest('GET', `/graphql?query=${query}`, { ...html, accept: 'application/json', ...bearer(KEYS.agent) });
    expect(keyed.status).toBe(200);
    expect(keyed.body.data.queueSize).toBeTypeOf('number');
  });

  it('is usable end to end: submit with a submit key, pop with an agent key', async () => {
    const submitted = await rest('POST', '/tickets', bearer(KEYS.submit), ticket('ac-flow'));
    expect(submitted.status).toBe(202);
    await waitFor(async () => (await rest('GET', '/queue/size', bearer(KEYS.agent))).body.size >= 1);
    const popped = await rest('GET', '/tickets/next', bearer(KEYS.agent));
    expect(popped.status).toBe(200);
  });

  describe('GraphQL over HTTP', () => {
    const OPERATIONS: { name: string; query: string; action: Action; variables?: Record<string, unknown> }[] = [
      { name: 'queue', query: '{ queue(limit: 1) { ticketId } }', action: 'queue:read' },
      { name: 'queueSize', query: '{ queueSize }', action: 'queue:read' },
      { name: 'teamQueues', query: '{ teamQueues { team size } }', action: 'queue:read' },
      { name: 'peek', query: '{ peek { ticketId } }', action: 'queue:read' },
      { name: 'queueStats', query: '{ queueStats { size } }', action: 'queue:read' },
      { name: 'activity', query: '{ activity(limit: 1) { type } }', action: 'queue:read' },
      { name: 'job', query: '{ job(id: "nope~1") { state } }', action: 'jobs:read' },
      { name: 'urgencyScore', query: '{ urgencyScore(text: "down") { urgencyScore } }', action: 'urgency:score' },
      { name: 'health', query: '{ health { status } }', action: 'health:details' },
      {
        name: 'submitTicket',
        query: 'mutation($i: TicketInput!) { submitTicket(input: $i) { jobId } }',
        action: 'tickets:submit',
        variables: { i: { subject: 'x', body: 'y' } },
      },
      {
        name: 'submitBatch',
        query: 'mutation($i: [TicketInput!]!) { submitBatch(input: $i) { jobId } }',
        action: 'tickets:submit',
        variables: { i: [{ subject: 'x', body: 'y' }] },
      },
      { name: 'popNext', query: 'mutation { popNext { ticketId } }', action: 'queue:pop' },
      {
        name: 'setUrgency',
        query: 'mutation { setUrgency(ticketId: "no-such-ticket", urgencyScore: 0.9) { ticketId } }',
        action: 'queue:override',
      },
      { name: 'clearQueue', query: 'mutation { clearQueue }', action: 'queue:admin' },
    ];

    it('answers 401 UNAUTHENTICATED without a valid key', async () => {
      for (const headers of [{}, bearer('not-a-key-0123456789')]) {
        const res = await gql('{ queueSize }', headers);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(res.body.data).toBeUndefined();
      }
    });

    describe.each(OPERATIONS)('$name', ({ query, action, variables }) => {
      it.each(ROLES)('with a %s key', async (role) => {
        const res = await gql(query, bearer(KEYS[role]), variables);
        if (allows(new Set([role]), action)) {
          expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
          expect(res.status).toBe(200);
        } else {
          expect(res.status).toBe(403);
          expect(res.body.errors).toHaveLength(1);
          expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
          expect(res.body.errors[0].message).toContain(`role (${role})`);
        }
      });
    });

    it('refuses only the forbidden field of a mixed operation', async () => {
      // peek is nullable, so its refusal leaves the rest of the answer standing.
      const res = await gql('{ peek { ticketId } urgencyScore(text: "down") { urgencyScore } }', bearer(KEYS.submit));
      expect(res.body.data.peek).toBeNull();
      expect(res.body.data.urgencyScore.urgencyScore).toBeTypeOf('number');
      expect(res.body.errors.map((e: any) => [e.path[0], e.extensions.code])).toEqual([['peek', 'FORBIDDEN']]);
    });
  });

  describe('GraphQL subscriptions', () => {
    const sseSubscribe = async (headers: Record<string, string>) => {
      const controller = new AbortController();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
        body: JSON.stringify({ query: 'subscription { activity { type ticketId } }' }),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      };
      return { response, readUntil, stop: () => controller.abort() };
    };

    it('over SSE: 401 without a key, FORBIDDEN for a submit key, events for an agent key', async () => {
      const anonymous = await sseSubscribe({});
      expect(anonymous.response.status).toBe(401);
      anonymous.stop();

      const submitter = await sseSubscribe(bearer(KEYS.submit));
      expect(await submitter.readUntil('FORBIDDEN')).toContain('FORBIDDEN');
      submitter.stop();

      const agent = await sseSubscribe(bearer(KEYS.agent));
      expect(agent.response.status).toBe(200);
      await rest('POST', '/tickets', bearer(KEYS.submit), ticket('ac-sse'));
      // The 200 comes before the stream's Redis subscription is live, so the ticket's first
      // event may come and go before it; its later ones reach the agent all the same.
      expect(await agent.readUntil('ac-sse')).toMatch(/"type":"ticket_(accepted|processed)","ticketId":"ac-sse"/);
      agent.stop();
    });

    const wsClient = (key?: string) => {
      const closes: number[] = [];
      const client = createClient({
        url: `${url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: key === undefined ? undefined : { authorization: `Bearer ${key}` },
        on: { closed: (event) => void closes.push((event as { code: number }).code) },
      });
      const run = (query: string) =>
        new Promise<{ data?: any; errors?: any[]; closed?: number }>((resolve) => {
          const results: { data?: any; errors?: any[] } = {};
          client.subscribe(
            { query },
            {
              next: (value) => {
                Object.assign(results, value);
                resolve(results);
              },
              error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: (error as { code?: number }).code }),
              complete: () => resolve(results),
            },
          );
        });
      return { client, run, closes };
    };

    it('over WebSocket: closes with 4401 without a key or with an unknown key', async () => {
      for (const key of [undefined, 'not-a-key-0123456789']) {
        const { client, run } = wsClient(key);
        expect((await run('{ queueSize }')).closed).toBe(4401);
        await client.dispose();
      }
    });

    it('over WebSocket: each role runs what it may, and nothing else', async () => {
      const submitter = wsClient(KEYS.submit);
      const forbidden = await submitter.run('subscription { activity { type } }');
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await submitter.run('mutation { clearQueue }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await submitter.run('{ urgencyScore(text: "down") { urgencyScore } }')).data?.urgencyScore.urgencyScore).toBeTypeOf('number');
      await submitter.client.dispose();

      const agent = wsClient(KEYS.agent);
      expect((await agent.run('mutation { clearQueue }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await agent.run('{ queueSize }')).data?.queueSize).toBeTypeOf('number');
      const events: string[] = [];
      agent.client.subscribe({ query: 'subscription { activity { type ticketId } }' }, {
        next: (value: any) => void events.push(value.data?.activity?.ticketId),
        error: () => undefined,
        complete: () => undefined,
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // let the subscription start before the event
      await rest('POST', '/tickets', bearer(KEYS.submit), ticket('ac-ws'));
      await waitFor(() => events.includes('ac-ws'));
      await agent.client.dispose();

      const admin = wsClient(KEYS.admin);
      expect((await admin.run('mutation { clearQueue }')).data?.clearQueue).toBeTypeOf('number');
      await admin.client.dispose();
    });
  });
});

describe('WebSocket message size', () => {
  it('closes a socket whose message is larger than a /graphql body may be (1009), before reading a key', async () => {
    const { startApi, startRedisServer } = await import('@iq/testkit');
    const redis = await startRedisServer();
    const api = await startApi(redis.url, { API_KEYS: `admin:${KEYS.admin}`, BATCH_REQUEST_MAX_BYTES: String(1024 * 1024) });
    try {
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${api.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(2 * 1024 * 1024) } })));
        socket.on('close', (closeCode) => resolve(closeCode));
        socket.on('error', () => undefined);
      });
      expect(code).toBe(1009);
    } finally {
      await api.close();
      await redis.stop();
    }
  });
});
