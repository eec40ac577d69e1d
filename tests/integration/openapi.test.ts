import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { startApi, startRedisServer, startSystem, waitFor, type Api, type System } from '@iq/testkit';

// /openapi.json against the routes: every route is documented with each status it
// really answers, and what it answers matches the declared schema. Real requests
// provoke each status; nothing is checked against the document's own word alone.

interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: object; example: unknown } } }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
const KEY = { admin: 'admin-key-0123456789abcdef', submit: 'submit-key-0123456789abcdef' };

let sys: System;
let keyed: Api;
let document: Document;

beforeAll(async () => {
  sys = await startSystem({ apiEnv: { TICKET_REQUEST_MAX_BYTES: '4096' } });
  keyed = await startApi(sys.redis.url, { API_KEYS: `admin:${KEY.admin},submit:${KEY.submit}`, RATE_LIMIT_SUBMIT: '1' });
  document = (await (await fetch(`${sys.api.url}/openapi.json`)).json()) as Document;
});
afterAll(async () => {
  await keyed?.close();
  await sys?.stop();
});

/** The documented answer of `status` for `method` on the path template `path`. */
function declared(method: string, path: string, status: number) {
  const operation = document.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const response = operation!.responses[String(status)];
  expect(response, `${method} ${path} declares ${status} (it declares ${Object.keys(operation!.responses).join(', ')})`).toBeDefined();
  return response!.content?.['application/json'];
}

/** Sends a request and checks its status is declared for the route, and its body matches the declared schema. */
async function expectDocumented(route: string, url: string, init: RequestInit = {}, api: Api = sys.api): Promise<Response> {
  const [method, path] = route.split(' ') as [string, string];
  const res = await fetch(`${api.url}${url}`, { method, ...init });
  // HEAD has no operation of its own: its answer is documented on the GET.
  const content = declared(method === 'HEAD' ? 'GET' : method, path, res.status);
  if (method !== 'HEAD') {
    const validate = ajv.compile(content!.schema);
    const body: unknown = await res.clone().json();
    expect(validate(body) ? [] : validate.errors, `${route} → ${res.status} matches its schema`).toEqual([]);
  }
  return res;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const ticket = (ticketId: string) => ({ ticket_id: ticketId, subject: 'Charged twice', body: 'Please refund the second charge.', customer_id: 'C-1' });

describe('/openapi.json', () => {
  it('documents every route with a schema and an example that matches it', () => {
    const operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })));
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const { route, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        const content = response.content?.['application/json'];
        expect(content, `${route} ${status} has a JSON schema`).toBeDefined();
        const validate = ajv.compile(content!.schema);
        expect(validate(content!.example) ? [] : validate.errors, `${route} ${status}: the example matches the schema`).toEqual([]);
      }
      expect(Object.keys(op.responses).some((s) => s.startsWith('2')), `${route} declares its success`).toBe(true);
    }
  });

  it('declares what the routes answer when all goes well, in the declared shapes', async () => {
    const accepted = await (await expectDocumented('POST /tickets', '/tickets', json(ticket('oa-1')))).json();
    await expectDocumented('POST /tickets/batch', '/tickets/batch', json([ticket('oa-2'), ticket('oa-3')]));
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 3, { what: 'three tickets processed' });
    await expectDocumented('GET /jobs/{job_id}', `/jobs/${encodeURIComponent(accepted.job_id)}`);
    await expectDocumented('GET /jobs/failed', '/jobs/failed?limit=10');
    // Its ticket is queued: the job holds the claim, so there is nothing to retry.
    expect((await expectDocumented('POST /jobs/{job_id}/retry', `/jobs/${encodeURIComponent(accepted.job_id)}/retry`)).status).toBe(409);
    await expectDocumented('GET /queue/size', '/queue/size');
    // "Charged twice … refund" is a billing ticket: ?team= counts and lists one team's queue.
    expect(await (await expectDocumented('GET /queue/size', '/queue/size?team=billing')).json()).toEqual({ size: 3 });
    expect(await (await expectDocumented('GET /queue/size', '/queue/size?team=technical')).json()).toEqual({ size: 0 });
    const perTeam = await (await expectDocumented('GET /queue/teams', '/queue/teams')).json();
    expect(perTeam.teams.map((t: { team: string }) => t.team)).toEqual(['billing', 'technical', 'legal', 'general']);
    expect(perTeam.size).toBe(3);
    await expectDocumented('GET /queue', '/queue?limit=10');
    await expectDocumented('GET /queue', '/queue?team=billing&limit=10');
    await expectDocumented('GET /queue', '/queue?category=Billing&search=refund&sort=oldest');
    await expectDocumented('GET /queue/summary', '/queue/summary?high=0.8');
    await expectDocumented('GET /queue/summary', '/queue/summary?team=billing');
    await expectDocumented('GET /queue/tickets/{ticket_id}', '/queue/tickets/oa-1');
    await expectDocumented('GET /tickets/peek', '/tickets/peek');
    await expectDocumented('GET /tickets/peek', '/tickets/peek?teams=billing,technical');
    await expectDocumented('POST /tickets/{ticket_id}/urgency', '/tickets/oa-3/urgency', json({ urgency_score: 0.1, reason: 'not urgent' }));
    await expectDocumented('POST /queue/tickets/{ticket_id}/pop', '/queue/tickets/oa-3/pop');
    await expectDocumented('DELETE /queue/tickets/{ticket_id}', '/queue/tickets/oa-2');
    expect((await sys.api.post('/tickets/batch', [ticket('oa-2'), ticket('oa-3')])).status).toBe(202);
    await waitFor(async () => (await sys.api.get('/queue/size')).body.size === 3, { what: 'the two tickets processed again' });
    const claim = await (await expectDocumented('POST /tickets/claim', '/tickets/claim?teams=billing', json({ agent: 'ana' }))).json();
    await expectDocumented('GET /tickets/claimed', '/tickets/claimed');
    await expectDocumented('POST /tickets/{ticket_id}/extend', `/tickets/${claim.ticket_id}/extend`, json({ claim_id: claim.claim_id, lease_seconds: 60 }));
    await expectDocumented('POST /tickets/{ticket_id}/release', `/tickets/${claim.ticket_id}/release`, json({ claim_id: claim.claim_id }));
    await expectDocumented('GET /tickets/next', '/tickets/next');
    await expectDocumented('GET /tickets/next', '/tickets/next?teams=billing');
    await expectDocumented('GET /activity', '/activity?limit=5');
    await expectDocumented('GET /webhooks/deliveries', '/webhooks/deliveries');
    await expectDocumented('POST /urgency-score', '/urgency-score', json({ text: 'Everything is broken ASAP' }));
    await expectDocumented('GET /health', '/health');
    await expectDocumented('GET /health/details', '/health/details');
    await expectDocumented('DELETE /queue', '/queue');
  });

  it('declares every error the routes answer, in the declared shapes', async () => {
    await expectDocumented('GET /tickets/next', '/tickets/next'); // 404: the queue was emptied
    await expectDocumented('GET /tickets/peek', '/tickets/peek');
    await expectDocumented('POST /tickets/claim', '/tickets/claim');
    await expectDocumented('GET /jobs/{job_id}', '/jobs/no-such-job~1');
    expect((await expectDocumented('POST /jobs/{job_id}/retry', '/jobs/no-such-job~1/retry')).status).toBe(404);
    expect((await expectDocumented('GET /jobs/failed', '/jobs/failed?limit=0')).status).toBe(422);
    expect((await expectDocumented('GET /jobs/failed', '/jobs/failed', { headers: { authorization: `Bearer ${KEY.submit}` } }, keyed)).status).toBe(403);
    await expectDocumented('POST /tickets/{ticket_id}/urgency', '/tickets/nobody/urgency', json({ urgency_score: 0.5 }));
    expect((await expectDocumented('GET /queue/tickets/{ticket_id}', '/queue/tickets/nobody')).status).toBe(404);
    expect((await expectDocumented('POST /queue/tickets/{ticket_id}/pop', '/queue/tickets/nobody/pop')).status).toBe(404);
    expect((await expectDocumented('DELETE /queue/tickets/{ticket_id}', '/queue/tickets/nobody')).status).toBe(404);
    expect((await expectDocumented('GET /queue', '/queue?category=Sales')).status).toBe(422);
    // Team names a deployment does not have (TEAM_QUEUES), or that are no team name at all.
    expect((await expectDocumented('GET /tickets/next', '/tickets/next?teams=sales')).status).toBe(422);
    expect((await expectDocumented('GET /tickets/peek', '/tickets/peek?teams=billing,sales')).status).toBe(422);
    expect((await expectDocumented('POST /tickets/claim', '/tickets/claim?teams=sales')).status).toBe(422);
    expect((await expectDocumented('GET /queue/size', '/queue/size?team=sales')).status).toBe(422);
    expect((await expectDocumented('GET /queue', '/queue?team=Not%20A%20Team')).status).toBe(422);
    expect((await expectDocumented('GET /queue/summary', '/queue/summary?team=sales')).status).toBe(422);
    expect((await expectDocumented('POST /tickets', '/tickets', json({ ...ticket('oa-t1'), team: 'sales' }))).status).toBe(422);
    await expectDocumented('POST /tickets/{ticket_id}/ack', '/tickets/nobody/ack', json({ claim_id: '0b7e4c1e-5d2a-4f8e-9c61-2f0d3a9b7c45' }));
    expect((await expectDocumented('HEAD /tickets/next', '/tickets/next')).status).toBe(405);
    expect((await expectDocumented('POST /tickets', '/tickets', json({ body: 'no subject' }))).status).toBe(422);
    expect((await expectDocumented('POST /tickets', '/tickets', { headers: { 'content-type': 'application/json' }, body: '{"subject": ' })).status).toBe(422);
    const latin1 = { 'content-type': 'application/json; charset=latin1' };
    expect((await expectDocumented('POST /tickets', '/tickets', { headers: latin1, body: JSON.stringify(ticket('oa-l1')) })).status).toBe(415);
    const compress = { 'content-type': 'application/json', 'content-encoding': 'compress' };
    expect((await expectDocumented('POST /tickets', '/tickets', { headers: compress, body: JSON.stringify(ticket('oa-c1')) })).status).toBe(415);
    expect((await expectDocumented('POST /tickets', '/tickets', json({ subject: 's', body: 'x'.repeat(8_000) }))).status).toBe(413);
    expect((await expectDocumented('GET /queue', '/queue?limit=0')).status).toBe(422);

    expect((await expectDocumented('POST /tickets', '/tickets', json(ticket('oa-k1')), keyed)).status).toBe(401);
    const asSubmitter = { authorization: `Bearer ${KEY.submit}` };
    expect((await expectDocumented('DELETE /queue', '/queue', { headers: asSubmitter }, keyed)).status).toBe(403);
    expect((await expectDocumented('POST /tickets', '/tickets', json(ticket('oa-k2'), asSubmitter), keyed)).status).toBe(202);
    expect((await expectDocumented('POST /tickets', '/tickets', json(ticket('oa-k3'), asSubmitter), keyed)).status).toBe(429);
  });

  it('declares the outage answer (503) of routes that need Redis, and of /health', async () => {
    const redis = await startRedisServer();
    const api = await startApi(redis.url, { LOG_LEVEL: 'silent' });
    // The outage is the point: no listener would make BullMQ print every refusal.
    for (const { queue } of api.services.jobs.teams) queue.on('error', () => undefined);
    try {
      await redis.stop();
      await waitFor(async () => (await fetch(`${api.url}/health`)).status === 503, { what: '/health to see the outage' });
      expect((await expectDocumented('GET /health', '/health', {}, api)).status).toBe(503);
      expect((await expectDocumented('GET /health/details', '/health/details', {}, api)).status).toBe(503);
      expect((await expectDocumented('GET /queue/size', '/queue/size', {}, api)).status).toBe(503);
      expect((await expectDocumented('GET /queue/teams', '/queue/teams', {}, api)).status).toBe(503);
      expect((await expectDocumented('POST /tickets', '/tickets', json(ticket('oa-down')), api)).status).toBe(503);
    } finally {
      await api.close();
    }
  });
});
