import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startSystem, waitFor, type System } from '@iq/testkit';

// The REST shim as the original FastAPI service's own clients use it: its React frontend
// (a browser page on http://localhost:5173 calling the API cross-origin) and its pytest
// suite (plain HTTP). Bodies are compared exactly where those clients depend on them.

const FRONTEND = 'http://localhost:5173';
let sys: System;
let url: string;

beforeAll(async () => {
  sys = await startSystem(); // CORS_ORIGINS left at its default: the original's frontend origins
  url = sys.api.url;
});
afterAll(async () => sys?.stop());

async function json(path: string, init: RequestInit = {}) {
  const res = await fetch(url + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

const submit = (ticket: Record<string, unknown>) =>
  json('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ticket) });

async function waitForQueueSize(size: number) {
  await waitFor(async () => (await json('/queue/size')).body.size === size, { what: `queue size ${size}` });
}

/** Python's round(), which the original used for priority_score (halves to even). */
const pythonRound = (x: number) => (Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x));

describe('the pytest suite of the original', () => {
  it('GET /health is exactly {"status": "ok"}', async () => {
    const res = await json('/health');
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual({ status: 'ok' });
  });

  it('submit → 202, queue size, pop → the classified ticket; then 404 "No tickets in queue"', async () => {
    await json('/queue', { method: 'DELETE' });
    const res = await submit({ ticket_id: 'T-001', subject: 'Login broken ASAP', body: 'Cannot login. Need fix ASAP.' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ticket_id: 'T-001', job_id: expect.any(String), message: 'Accepted for processing', duplicate: false });

    await waitForQueueSize(1);
    const next = await json('/tickets/next');
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ ticket_id: 'T-001', job_id: res.body.job_id, category: 'Technical' });
    expect(typeof next.body.is_urgent).toBe('boolean');
    expect(Number.isInteger(next.body.priority_score)).toBe(true);
    expect(next.body.priority_score).toBe(Math.min(10, pythonRound(next.body.urgency_score * 10)));

    for (const path of ['/tickets/next', '/tickets/peek']) {
      const empty = await json(path);
      expect(empty.status).toBe(404);
      expect(empty.body).toStrictEqual({ detail: 'No tickets in queue' });
    }
  });

  it('POST /urgency-score: a high score for an angry text, 0.0 for ""', async () => {
    const angry = await json('/urgency-score', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Everything is broken, this is terrible and I am furious' }),
    });
    expect(angry.status).toBe(200);
    expect(angry.body.is_urgent).toBe(true);
    const empty = await json('/urgency-score', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text": ""}' });
    expect(empty.body).toMatchObject({ urgency_score: 0, is_urgent: false });
  });

  it('priority_score is an integer 0–10 while the queue pops by S, then arrival', async () => {
    await json('/queue', { method: 'DELETE' });
    const texts = [
      ['Thanks', 'Thanks a lot, great service!'],
      ['Refund', 'Please refund the duplicate charge.'],
      ['Broken', 'The app is broken and crashes.'],
      ['Awful', 'This is awful, terrible, the worst. I hate it and I am furious!'],
      ['Question', 'How do I export my data?'],
      ['Question', 'How do I export my data?'], // same S: first in, first out
      ['Bad', 'Bad experience, not happy.'],
      ['', ''], // an empty ticket scores 0
    ];
    const batch = await json('/tickets/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(texts.map(([subject, body], i) => ({ ticket_id: `order-${i}`, subject, body }))),
    });
    expect(batch.status).toBe(202);
    await waitForQueueSize(texts.length);

    const list = await json('/queue');
    const queue: any[] = list.body;
    expect(Array.isArray(queue)).toBe(true);
    expect(list.headers.get('x-total-count')).toBe(String(texts.length));
    for (const t of queue) {
      expect(Number.isInteger(t.priority_score)).toBe(true);
      expect(t.priority_score).toBe(Math.min(10, pythonRound(t.urgency_score * 10)));
    }
    const s = queue.map((t) => t.urgency_score);
    expect([...s].sort((a, b) => b - a)).toEqual(s);
    const twins = queue.filter((t) => t.subject === 'Question').map((t) => t.ticket_id);
    expect(twins).toEqual(['order-4', 'order-5']);
    expect(queue.find((t) => t.ticket_id === 'order-7')).toMatchObject({ subject: '', body: '', urgency_score: 0, priority_score: 0 });

    const popped: string[] = [];
    for (let i = 0; i < texts.length; i++) popped.push((await json('/tickets/next')).body.ticket_id);
    expect(popped).toEqual(queue.map((t) => t.ticket_id));
  });

  it('405 {"detail": "Method Not Allowed"} with Allow for a wrong method on a known path', async () => {
    const put = await json('/queue', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.body).toStrictEqual({ detail: 'Method Not Allowed' });
    expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD']);

    const post = await json('/health', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await json('/tickets', { method: 'GET' })).headers.get('allow')).toBe('POST');
    expect((await json('/jobs/some-job', { method: 'DELETE' })).status).toBe(405);
    expect((await json('/activity?limit=5', { method: 'POST' })).headers.get('allow')).toBe('GET, HEAD');
    expect((await json('/no-such-path', { method: 'PUT' })).status).toBe(404);

    // An OPTIONS that is not a CORS preflight is just another method.
    const options = await json('/queue', { method: 'OPTIONS' });
    expect(options.status).toBe(405);
    expect(options.body).toStrictEqual({ detail: 'Method Not Allowed' });
    expect((await json('/no-such-path', { method: 'OPTIONS' })).status).toBe(404);
  });

  it('malformed JSON is FastAPI\'s 422 json_invalid; an empty JSON body is "Field required"', async () => {
    const malformed = await json('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"subject": "x",}' });
    expect(malformed.status).toBe(422);
    expect(malformed.body).toStrictEqual({
      detail: [{ type: 'json_invalid', loc: ['body', 16], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting property name enclosed in double quotes' } }],
    });
    const empty = await json('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(empty.status).toBe(422);
    expect(empty.body).toStrictEqual({ detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] });

    // Positions count characters, as Python does: the emoji are one each.
    const emoji = await json('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"subject":"😀😀",}' });
    expect(emoji.body.detail[0].loc).toEqual(['body', 16]);
    const blank = await json('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '  ' });
    expect(blank.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', 2] });
  });

  it('422 items are {type, loc, msg, input}, the input being what was sent', async () => {
    const res = await submit({ ticket_id: 'bad\u0007id', subject: 's'.repeat(501) });
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      { type: 'value_error', loc: ['body', 'ticket_id'], msg: 'must not contain control characters', input: 'bad\u0007id' },
      { type: 'string_too_long', loc: ['body', 'subject'], msg: 'String should have at most 500 characters', input: 's'.repeat(501) },
      { type: 'missing', loc: ['body', 'body'], msg: 'Field required', input: { ticket_id: 'bad\u0007id', subject: 's'.repeat(501) } },
    ]);
    // pydantic's codes for the wrong shape and for a query parameter that is not an integer.
    const list = await json('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(list.body.detail).toEqual([
      { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: [] },
    ]);
    const page = await json('/queue?limit=abc');
    expect(page.status).toBe(422);
    expect(page.body.detail).toEqual([expect.objectContaining({ type: 'int_parsing', loc: ['query', 'limit'] })]);
  });
});

describe('ticket ids as permissive as the original', () => {
  const ids = ['FE 5', 'a/b/c', '#42', 'ORD:7', 'smile 😀', 'ümlaut é', 'x~y', '100%', 'q?x=1&y', 'T-001.2_3', ' ', '12'];

  it('submits, processes, finds at /jobs/{job_id} and pops tickets with such ids', async () => {
    await json('/queue', { method: 'DELETE' });
    const res = await json('/tickets/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ids.map((ticket_id) => ({ ticket_id, subject: 'Login', body: 'Cannot log in.' }))),
    });
    expect(res.status).toBe(202);
    const accepted: { ticket_id: string; job_id: string; duplicate: boolean }[] = res.body.accepted;
    expect(accepted.map((a) => a.ticket_id)).toEqual(ids);
    expect(new Set(accepted.map((a) => a.job_id)).size).toBe(ids.length);
    for (const { job_id, duplicate } of accepted) {
      expect(duplicate).toBe(false);
      // URL-safe: only unreserved characters, so a client may put it in a path as it is.
      expect(job_id).toMatch(/^[A-Za-z0-9._~-]+$/);
    }

    await waitForQueueSize(ids.length);
    for (const { ticket_id, job_id } of accepted) {
      const job = await json(`/jobs/${job_id}`);
      expect(job).toMatchObject({ status: 200, body: { job_id, ticket_id, state: 'completed' } });
    }

    // Still one claim per id: a resubmission is a duplicate with the same job id.
    const again = await submit({ ticket_id: 'FE 5', subject: 'Login', body: 'again' });
    expect(again.body).toMatchObject({ ticket_id: 'FE 5', job_id: accepted[0]!.job_id, duplicate: true });

    const popped = new Set<string>();
    for (let i = 0; i < ids.length; i++) popped.add((await json('/tickets/next')).body.ticket_id);
    expect([...popped].sort()).toEqual([...ids].sort());
    const events = await sys.api.services.views.recentActivity(1000);
    for (const id of ids) {
      expect(events.filter((e) => e.data.ticket_id === id).map((e) => e.type)).toEqual(['ticket_popped', 'ticket_processed', 'ticket_accepted']);
    }

    // Popped, the id is free again: a new submission, a new job id.
    const fresh = await submit({ ticket_id: 'FE 5', subject: 'Login', body: 'new' });
    expect(fresh.body.duplicate).toBe(false);
    expect(fresh.body.job_id).not.toBe(accepted[0]!.job_id);
  });

  it('rejects a control character or more than 128 characters, naming ticket_id', async () => {
    for (const ticket_id of ['tab\there', 'new\nline', 'x'.repeat(129)]) {
      const res = await submit({ ticket_id, subject: 's', body: 'b' });
      expect(res.status).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['body', 'ticket_id']);
    }
  });

  it('finds the jobs of the longest ids at /jobs/{job_id} (their job ids run past 1,500 characters)', async () => {
    for (const ticket_id of ['😀'.repeat(128), 'é'.repeat(128), `${'x'.repeat(127)} `]) {
      const res = await submit({ ticket_id, subject: 's', body: 'b' });
      expect(res.status).toBe(202);
      const job = await json(`/jobs/${res.body.job_id}`);
      expect(job).toMatchObject({ status: 200, body: { job_id: res.body.job_id, ticket_id } });
      expect((await json(`/jobs/${res.body.job_id}`, { method: 'PUT' })).status).toBe(405);
    }
  });
});

describe('the frontend of the original (cross-origin, from its Vite dev server)', () => {
  const preflight = (path: string, origin: string, method: string, headers = 'content-type') =>
    fetch(url + path, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
    });

  it.each([
    ['/tickets', 'POST'],
    ['/tickets/batch', 'POST'],
    ['/queue', 'DELETE'],
    ['/graphql', 'POST'],
  ])('answers a preflight for %s (%s) from http://localhost:5173 with 204 and its CORS headers', async (path, method) => {
    const res = await preflight(path, FRONTEND, method, 'content-type,authorization');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(FRONTEND);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')?.split(/,\s*/)).toContain(method);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/)).toEqual(
      expect.arrayContaining(['content-type', 'authorization']),
    );
  });

  it('also allows http://127.0.0.1:5173, and exposes X-Total-Count on real requests', async () => {
    const res = await fetch(`${url}/queue`, { headers: { Origin: 'http://127.0.0.1:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Total-Count');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('with CORS_ORIGINS=*, answers any origin with a literal * and no credentials (an origin is never echoed)', async () => {
    const open = await startApi(sys.redis.url, { CORS_ORIGINS: '*' });
    try {
      for (const origin of ['http://anywhere.example', FRONTEND]) {
        const pre = await fetch(`${open.url}/tickets`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
        });
        expect(pre.status).toBe(204);
        expect(pre.headers.get('access-control-allow-origin')).toBe('*');
        expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
        const get = await fetch(`${open.url}/queue/size`, { headers: { Origin: origin } });
        expect(get.status).toBe(200);
        expect(get.headers.get('access-control-allow-origin')).toBe('*');
      }
    } finally {
      await open.close();
    }
  });

  it('gives a disallowed origin no CORS headers, so a browser blocks it', async () => {
    const pre = await preflight('/tickets', 'http://evil.example', 'POST');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${url}/queue/size`, { headers: { Origin: 'http://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const gql = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ queueSize }' }),
    });
    expect(gql.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('Clear: DELETE /queue with Content-Type: application/json and no body', async () => {
    await submit({ ticket_id: 'clear-me', subject: 'x', body: 'y' });
    // Every job of the earlier tests done too: a ticket stored between reading the size and
    // clearing would be cleared without being counted.
    const settled = async () => {
      // Every team queue's jobs: the tickets went to the teams of their categories.
      const counts = await Promise.all(sys.api.services.jobs.teams.map((t) => t.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active')));
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    };
    await waitFor(async () => (await json('/queue/size')).body.size >= 1 && (await settled()), { what: 'clear-me and every earlier job processed' });
    const size = (await json('/queue/size')).body.size;
    const res = await json('/queue', { method: 'DELETE', headers: { 'Content-Type': 'application/json', Origin: FRONTEND } });
    expect(res.status).toBe(200);
    expect(res.body).toStrictEqual({ status: 'queue cleared', cleared: size });
    expect(res.headers.get('access-control-allow-origin')).toBe(FRONTEND);
  });

  it('Queue: GET /queue is a bare array the page can .map()', async () => {
    await submit({ ticket_id: 'listed', subject: 'Invoice', body: 'Where is my invoice?' });
    await waitFor(async () => (await json('/queue/size')).body.size >= 1, { what: 'listed processed' });
    const res = await json('/queue', { headers: { Origin: FRONTEND } });
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((t: any) => t.ticket_id)).toContain('listed');
  });

  it('Activity: oldest first, ts in epoch seconds, with the data the original carried', async () => {
    await json('/queue', { method: 'DELETE' });
    await submit({ ticket_id: 'act-fe', subject: 'Furious', body: 'This is terrible and broken!' });
    await waitForQueueSize(1);
    const popped = (await json('/tickets/next')).body;

    const { body } = await json('/activity', { headers: { Origin: FRONTEND } });
    const events: { ts: number; type: string; data: Record<string, unknown> }[] = body.events;
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) {
      expect(typeof e.ts).toBe('number');
      // What the page does with it: new Date(ts * 1000) must be a real, recent date.
      expect(Math.abs(new Date(e.ts * 1000).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    }
    expect(events.map((e) => e.ts)).toEqual([...events.map((e) => e.ts)].sort((a, b) => a - b));

    const mine = events.filter((e) => e.data.ticket_id === 'act-fe');
    expect(mine.map((e) => e.type)).toEqual(['ticket_accepted', 'ticket_processed', 'ticket_popped']);
    expect(mine[1]!.data).toMatchObject({ urgency_score: popped.urgency_score, category: popped.category, is_urgent: popped.is_urgent });
    expect(mine[2]!.data.urgency_score).toBeCloseTo(popped.urgency_score, 12);
    expect(events.at(-1)!.type).toBe('ticket_popped');
    expect(events.filter((e) => e.type === 'queue_cleared').at(-1)!.data).toHaveProperty('cleared');
  });
});
