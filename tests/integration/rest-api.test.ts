import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, waitFor, type System } from '@iq/testkit';

let sys: System;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => sys?.stop());

const ticket = (over: Record<string, unknown> = {}) => ({
  subject: 'Cannot log in',
  body: 'The login page shows error 500 every time.',
  ...over,
});

async function processed(ticketId: string) {
  return waitFor(async () => (await sys.api.get('/queue?limit=1000')).body.find((t: any) => t.ticket_id === ticketId), {
    what: `${ticketId} processed`,
  });
}

describe('REST: POST /tickets', () => {
  it('accepts a ticket with 202 and a job id, then the worker processes it', async () => {
    const res = await sys.api.post('/tickets', ticket({ ticket_id: 'rest-1', customer_id: 'c-9', channel: 'email' }));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ticket_id: 'rest-1', job_id: expect.any(String), message: 'Accepted for processing', duplicate: false });

    const t = await processed('rest-1');
    expect(t).toMatchObject({
      ticket_id: 'rest-1',
      job_id: res.body.job_id,
      subject: 'Cannot log in',
      customer_id: 'c-9',
      channel: 'email',
      category: 'Technical',
      model: 'vader-lexicon',
    });
    expect(t.urgency_score).toBeGreaterThanOrEqual(0);
    expect(t.urgency_score).toBeLessThanOrEqual(1);
    expect(t.is_urgent).toBe(t.urgency_score >= 0.5);
    expect(Number.isNaN(Date.parse(t.created_at))).toBe(false);
    expect(Date.parse(t.processed_at)).toBeGreaterThanOrEqual(Date.parse(t.created_at));

    const job = await sys.api.get(`/jobs/${encodeURIComponent(res.body.job_id)}`);
    expect(job).toEqual({ status: 200, body: { job_id: res.body.job_id, ticket_id: 'rest-1', state: 'completed' } });
  });

  it('generates a ticket id when none is given', async () => {
    const res = await sys.api.post('/tickets', ticket());
    expect(res.status).toBe(202);
    expect(res.body.ticket_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns the same job id with duplicate: true for a ticket already queued', async () => {
    const first = await sys.api.post('/tickets', ticket({ ticket_id: 'rest-dup' }));
    const second = await sys.api.post('/tickets', ticket({ ticket_id: 'rest-dup', subject: 'changed' }));
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ ticket_id: 'rest-dup', job_id: first.body.job_id, duplicate: true });
    await processed('rest-dup');
    const third = await sys.api.post('/tickets', ticket({ ticket_id: 'rest-dup' }));
    expect(third.body).toMatchObject({ job_id: first.body.job_id, duplicate: true });
  });

  it.each([
    ['missing subject', { body: 'x' }, ['body', 'subject'], 'missing'],
    ['subject over 500', { subject: 's'.repeat(501), body: 'x' }, ['body', 'subject'], 'string_too_long'],
    ['body over 20000', { subject: 's', body: 'b'.repeat(20_001) }, ['body', 'body'], 'string_too_long'],
    ['missing body', { subject: 's' }, ['body', 'body'], 'missing'],
    ['ticket_id with a newline', { ticket_id: 'a\nb', subject: 's', body: 'b' }, ['body', 'ticket_id'], 'value_error'],
    ['empty ticket_id', { ticket_id: '', subject: 's', body: 'b' }, ['body', 'ticket_id'], 'string_too_short'],
    ['ticket_id over 128', { ticket_id: 'a'.repeat(129), subject: 's', body: 'b' }, ['body', 'ticket_id'], 'string_too_long'],
    ['subject not a string', { subject: 42, body: 'b' }, ['body', 'subject'], 'string_type'],
  ])('422 naming the field for %s', async (_name, payload, loc, type) => {
    const res = await sys.api.post('/tickets', payload);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ loc, type, msg: expect.any(String) })]));
    for (const item of res.body.detail) expect(Object.keys(item).sort()).toEqual(['input', 'loc', 'msg', 'type']);
  });

  it('accepts an empty subject and body, as the original: the empty text scores 0', async () => {
    const res = await sys.api.post('/tickets', { ticket_id: 'rest-empty', subject: '', body: '' });
    expect(res.status).toBe(202);
    const t = await processed('rest-empty');
    expect(t).toMatchObject({ subject: '', body: '', urgency_score: 0, is_urgent: false, priority_score: 0, category: 'General' });
  });

  it('accepts the documented limits exactly', async () => {
    const res = await sys.api.post('/tickets', { ticket_id: 'A'.repeat(128), subject: 's'.repeat(500), body: 'b'.repeat(20_000) });
    expect(res.status).toBe(202);
  });

  it('422 for well-formed JSON of the wrong shape', async () => {
    for (const body of [null, [ticket()], 'text', 5]) {
      const res = await sys.api.post('/tickets', JSON.stringify(body), { 'content-type': 'application/json' });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['body']);
    }
  });

  it('422 json_invalid for malformed JSON (as FastAPI), 415 for a non-JSON content type, 413 past 64 KiB', async () => {
    const malformed = await sys.api.post('/tickets', '{"subject": ', { 'content-type': 'application/json' });
    expect(malformed).toEqual({
      status: 422,
      body: { detail: [{ type: 'json_invalid', loc: ['body', 12], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }] },
    });

    const form = await sys.api.post('/tickets', 'subject=x&body=y', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.detail).toEqual(expect.any(String));

    const large = await sys.api.post('/tickets', ticket({ body: 'é'.repeat(40_000) }));
    expect(large.status).toBe(413);
    expect(large.body.detail).toEqual(expect.any(String));
  });
});

describe('REST: POST /tickets/batch', () => {
  it('accepts a batch in request order (bare array or {tickets: [...]})', async () => {
    const res = await sys.api.post('/tickets/batch', [ticket({ ticket_id: 'b-1' }), ticket({ ticket_id: 'b-2' })]);
    expect(res.status).toBe(202);
    expect(res.body.accepted.map((a: any) => a.ticket_id)).toEqual(['b-1', 'b-2']);
    for (const a of res.body.accepted) expect(a).toMatchObject({ job_id: expect.any(String), message: 'Accepted for processing' });

    const wrapped = await sys.api.post('/tickets/batch', { tickets: [ticket({ ticket_id: 'b-3' })] });
    expect(wrapped.status).toBe(202);
    expect(wrapped.body.accepted[0].ticket_id).toBe('b-3');
  });

  it('422 naming the item and field when one item is invalid, and enqueues nothing', async () => {
    const res = await sys.api.post('/tickets/batch', [
      ticket({ ticket_id: 'bad-batch-1' }),
      ticket({ subject: 's'.repeat(501) }),
      ticket({ ticket_id: 'bad-batch-3' }),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([expect.objectContaining({ loc: ['body', 1, 'subject'] })]);
    // No claim in any team queue, and no owner record for the ids across teams.
    const { teams } = sys.api.services;
    for (const id of ['bad-batch-1', 'bad-batch-3']) {
      for (const team of teams.all) expect(await sys.redis.client.hexists(team.keys.claims, id)).toBe(0);
      expect(await sys.redis.client.hexists(teams.shared.claimOwners, id)).toBe(0);
    }
    const events = (await sys.api.get('/activity?limit=1000')).body.events;
    expect(events.filter((e: any) => String(e.data.ticket_id).startsWith('bad-batch'))).toEqual([]);
    const jobs = (
      await Promise.all(sys.api.services.jobs.teams.map((t) => t.queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'])))
    ).flat();
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.data.ticket_id.startsWith('bad-batch'))).toEqual([]);
  });

  it('202 with nothing accepted for an empty batch, 422 for one over the item limit', async () => {
    expect(await sys.api.post('/tickets/batch', [])).toEqual({ status: 202, body: { accepted: [] } });
    const tooMany = Array.from({ length: 1001 }, () => ({ subject: 's', body: '' }));
    const res = await sys.api.post('/tickets/batch', tooMany);
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body'], type: 'too_long' });
  });
});

describe('REST: the processed queue', () => {
  it('pops, peeks, pages and clears; 404 when empty', async () => {
    await sys.api.del('/queue');
    expect(await sys.api.get('/tickets/next')).toEqual({ status: 404, body: { detail: 'No tickets in queue' } });
    expect(await sys.api.get('/tickets/peek')).toEqual({ status: 404, body: { detail: 'No tickets in queue' } });
    expect(await sys.api.get('/queue/size')).toEqual({ status: 200, body: { size: 0 } });

    const calm = ticket({ ticket_id: 'q-calm', subject: 'Question about exports', body: 'How can I export my data? Thanks!' });
    const angry = ticket({ ticket_id: 'q-angry', subject: 'Furious!!!', body: 'This is terrible, awful, the worst service. I hate it.' });
    await sys.api.post('/tickets/batch', [calm, angry]);
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 2);

    const page = await fetch(`${sys.api.url}/queue`);
    expect(page.headers.get('x-total-count')).toBe('2');
    expect(((await page.json()) as any[]).map((t) => t.ticket_id)).toEqual(['q-angry', 'q-calm']);
    const second = await fetch(`${sys.api.url}/queue?limit=1&offset=1`);
    expect(second.headers.get('x-total-count')).toBe('2');
    expect(await second.json()).toEqual([expect.objectContaining({ ticket_id: 'q-calm' })]);

    const peeked = await sys.api.get('/tickets/peek');
    expect(peeked.body.ticket_id).toBe('q-angry');
    expect((await sys.api.get('/queue/size')).body.size).toBe(2);

    const popped = await sys.api.get('/tickets/next');
    expect(popped.status).toBe(200);
    expect(popped.body.ticket_id).toBe('q-angry');
    expect((await sys.api.get('/queue/size')).body.size).toBe(1);

    expect(await sys.api.del('/queue')).toEqual({ status: 200, body: { status: 'queue cleared', cleared: 1 } });
    expect((await sys.api.get('/tickets/next')).status).toBe(404);
  });

  it('lets a popped ticket id be submitted again as a new ticket', async () => {
    await sys.api.del('/queue');
    const first = await sys.api.post('/tickets', ticket({ ticket_id: 'again' }));
    await processed('again');
    expect((await sys.api.get('/tickets/next')).body.ticket_id).toBe('again');
    const second = await sys.api.post('/tickets', ticket({ ticket_id: 'again' }));
    expect(second.body.duplicate).toBe(false);
    expect(second.body.job_id).not.toBe(first.body.job_id);
    await processed('again');
  });

  it.each(['limit=0', 'limit=1001', 'offset=-1', 'limit=abc'])('422 for bad paging %s', async (query) => {
    const res = await sys.api.get(`/queue?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc[0]).toBe('query');
  });
});

describe('REST: jobs, activity, health, urgency', () => {
  it('404 for an unknown job', async () => {
    expect(await sys.api.get('/jobs/does-not-exist')).toEqual({ status: 404, body: { detail: 'Job not found' } });
  });

  it('lists activity oldest first with epoch-second times and ticket ids', async () => {
    const res = await sys.api.post('/tickets', ticket({ ticket_id: 'act-1' }));
    await processed('act-1');
    const { status, body } = await sys.api.get('/activity?limit=200');
    expect(status).toBe(200);
    const mine = body.events.filter((e: any) => e.data.ticket_id === 'act-1');
    expect(mine.map((e: any) => e.type)).toEqual(['ticket_accepted', 'ticket_processed']);
    expect(mine[1].data).toMatchObject({ job_id: res.body.job_id, category: 'Technical', urgency_score: expect.any(Number) });
    const times: number[] = body.events.map((e: any) => e.ts);
    for (const t of times) expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(600);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const ids: string[] = body.events.map((e: any) => e.id);
    expect(ids.at(-1)).toBe((await sys.api.services.views.recentActivity(1))[0]!.id);
    expect((await sys.api.get('/activity?limit=2')).body.events).toHaveLength(2);
  });

  it.each(['0', '-3', '201', '1000'])('treats limit=%s (outside 1–200) as 100, as the original', async (limit) => {
    await sys.api.post('/tickets/batch', Array.from({ length: 101 }, () => ticket())); // so there are more than 100
    const res = await sys.api.get(`/activity?limit=${limit}`);
    expect(res.status).toBe(200);
    expect(res.body.events).toHaveLength(100);
  });

  it.each(['abc', '1.5'])('422 for a non-integer limit (%s)', async (limit) => {
    const res = await sys.api.get(`/activity?limit=${limit}`);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['query', 'limit']);
  });

  it('answers /health exactly {"status": "ok"}', async () => {
    expect(await sys.api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('reports details at /health/details: Redis, scorer and the live worker', async () => {
    const { status, body } = await sys.api.get('/health/details');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      redis: 'ok',
      model: 'vader-lexicon',
      scorer: { kind: 'lexicon', model: 'vader-lexicon' },
      workers: { live: 1, models: ['vader-lexicon'] },
    });
  });

  it('scores a text (an empty one 0.0), 422 for a missing or non-string text', async () => {
    const angry = await sys.api.post('/urgency-score', { text: 'This is awful and I am furious, nothing works!' });
    const calm = await sys.api.post('/urgency-score', { text: 'Thanks, everything works great.' });
    expect(angry.status).toBe(200);
    expect(angry.body).toMatchObject({ is_urgent: true, model: 'vader-lexicon' });
    expect(calm.body.is_urgent).toBe(false);
    expect(angry.body.urgency_score).toBeGreaterThan(calm.body.urgency_score);
    expect((await sys.api.post('/urgency-score', {})).body.detail[0].loc).toEqual(['body', 'text']);
    expect(await sys.api.post('/urgency-score', { text: 42 })).toMatchObject({ status: 422, body: { detail: [{ loc: ['body', 'text'], type: 'string_type' }] } });
    expect(await sys.api.post('/urgency-score', { text: '' })).toEqual({
      status: 200,
      body: { urgency_score: 0, is_urgent: false, model: 'vader-lexicon', urgency_explanation: '' },
    });
  });

  it('serves OpenAPI and Swagger UI', async () => {
    const spec = await sys.api.get('/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/batch', '/queue', '/jobs/{job_id}', '/health', '/health/details']));
    // Swagger UI's "Try it out" starts from these examples rather than "string".
    const example = (path: string) => spec.body.paths[path].post.requestBody.content['application/json'].schema.example;
    expect(example('/tickets')).toMatchObject({ ticket_id: 'T-1001', subject: expect.any(String), body: expect.any(String) });
    expect(example('/tickets/batch')).toEqual(expect.arrayContaining([expect.objectContaining({ ticket_id: 'FE 5' })]));
    const docs = await fetch(`${sys.api.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('404 {detail} for unknown routes', async () => {
    expect(await sys.api.get('/nope')).toEqual({ status: 404, body: { detail: 'Not Found' } });
  });
});
