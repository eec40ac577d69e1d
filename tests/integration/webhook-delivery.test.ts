import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, verifyWebhookSignature } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import {
  answerByPath,
  answerInTurn,
  freePort,
  spawnWorker,
  startApi,
  startHttpReceiver,
  startRedisServer,
  startWorker,
  waitFor,
  type Api,
  type HttpReceiver,
  type ReceivedRequest,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// Webhooks that arrive: deliveries go through their own BullMQ queue, with retries,
// exponential backoff, a timeout per try, a delivery log and signatures; urgent tickets
// nobody takes are escalated once. Real redis-server, API, workers and a local receiver.

let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
let workers: TicketWorker[] = [];
let spawned: WorkerProcess | undefined;

/** Small backoffs so retries take milliseconds; a short timeout per try. */
const FAST = { WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '20', WEBHOOK_TIMEOUT_MS: '500', LOG_LEVEL: 'error' };
const ANGRY = { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' };
const SECRET = 'test-secret-0123456789abcdef';
/** Every ticket is pinned to one team, whose escalation schedule these are; the webhook queue is deployment-wide (`{iq}`). */
const TEAM = 'billing';
const ESCALATIONS = createKeys('iq', TEAM).escalations;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  receiver.respond = answerByPath;
  for (const w of workers) await w.close();
  workers = [];
  await spawned?.kill();
  spawned = undefined;
  // Each test pops from a queue of its own tickets.
  await api.del('/queue');
});
afterAll(async () => {
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

async function worker(env: Record<string, string>): Promise<TicketWorker> {
  const started = await startWorker(redis.url, { ...FAST, ...env });
  workers.push(started);
  return started;
}

async function submit(ticketId: string, t = ANGRY): Promise<string> {
  const res = await api.post('/tickets', { ticket_id: ticketId, ...t, team: TEAM });
  expect(res.status).toBe(202);
  return res.body.job_id;
}

const completed = (jobId: string) => waitFor(async () => (await api.jobState(jobId)) === 'completed', { what: `${jobId} completed` });

async function deliveries(): Promise<any[]> {
  const res = await api.get('/webhooks/deliveries?limit=1000');
  expect(res.status).toBe(200);
  return res.body.deliveries;
}

/** Waits until the delivery of `kind` for `ticketId` is logged with `status`. */
function deliveryOf(ticketId: string, status: string, kind = 'urgent'): Promise<any> {
  return waitFor(async () => (await deliveries()).find((d) => d.ticket_id === ticketId && d.kind === kind && d.status === status), {
    what: `the ${kind} delivery of ${ticketId} ${status}`,
  });
}

const requestsFor = (deliveryId: string): ReceivedRequest[] => receiver.requests.filter((r) => r.headers['x-iq-delivery'] === deliveryId);
const typesOf = async (ticketId: string, prefix: string) => (await api.events(ticketId)).filter((e) => e.type.startsWith(prefix));

describe('webhook deliveries', () => {
  it('delivers an urgent ticket once, logs it by host only, and records webhook_sent', async () => {
    await worker({ WEBHOOK_URL: `${receiver.url}/hooks/secret-path` });
    const jobId = await submit('wd-ok');
    const delivery = await deliveryOf('wd-ok', 'delivered');

    const host = new URL(receiver.url).host;
    expect(delivery).toEqual({
      delivery_id: `${jobId}.urgent`,
      ticket_id: 'wd-ok',
      job_id: jobId,
      kind: 'urgent',
      url_host: host,
      status: 'delivered',
      attempts: 1,
      max_attempts: 3,
      response_code: 200,
      last_error: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(await deliveries())).not.toContain('secret-path');

    const [request, ...more] = requestsFor(`${jobId}.urgent`);
    expect(more).toEqual([]);
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/secret-path' });
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', 'x-iq-event': 'ticket.urgent', 'x-iq-attempt': '1' });
    // Unsigned without WEBHOOK_SECRET; a localhost receiver gets the generic payload.
    expect(request!.headers).not.toHaveProperty('x-iq-signature');
    expect(request!.json).toMatchObject({ event: 'ticket.urgent', delivery_id: `${jobId}.urgent`, ticket: { ticket_id: 'wd-ok', job_id: jobId } });

    const sent = await typesOf('wd-ok', 'webhook');
    expect(sent).toEqual([expect.objectContaining({ type: 'webhook_sent' })]);
    expect(sent[0]!.data).toMatchObject({ ticket_id: 'wd-ok', job_id: jobId, status: 200, kind: 'urgent', attempts: 1, delivery_id: `${jobId}.urgent` });

    const gql = await api.gql('{ webhookDeliveries(limit: 1000) { deliveryId ticketId kind status attempts maxAttempts responseCode lastError urlHost } }');
    expect(gql.errors).toBeUndefined();
    expect(gql.data.webhookDeliveries).toContainEqual({
      deliveryId: `${jobId}.urgent`,
      ticketId: 'wd-ok',
      kind: 'URGENT',
      status: 'DELIVERED',
      attempts: 1,
      maxAttempts: 3,
      responseCode: 200,
      lastError: null,
      urlHost: host,
    });
  });

  it('retries a 500: one delivery, logged as 2 attempts, webhook_sent once', async () => {
    receiver.respond = answerInTurn([500, 200], (r) => String(r.headers['x-iq-delivery']));
    await worker({ WEBHOOK_URL: `${receiver.url}/hook` });
    const jobId = await submit('wd-500');
    const delivery = await deliveryOf('wd-500', 'delivered');

    expect(delivery).toMatchObject({ attempts: 2, response_code: 200, last_error: 'HTTP 500: {"ok":false}' });
    expect((await deliveries()).filter((d) => d.ticket_id === 'wd-500')).toHaveLength(1);
    const tries = requestsFor(`${jobId}.urgent`);
    expect(tries.map((r) => r.headers['x-iq-attempt'])).toEqual(['1', '2']);
    // The same alert both times.
    expect(tries[1]!.body).toBe(tries[0]!.body);
    const events = await typesOf('wd-500', 'webhook');
    expect(events.map((e) => e.type)).toEqual(['webhook_sent']);
    expect(events[0]!.data).toMatchObject({ attempts: 2, status: 200 });
  });

  it('times out a receiver that hangs, then retries', async () => {
    receiver.respond = answerInTurn(['hang', 200], (r) => String(r.headers['x-iq-delivery']));
    await worker({ WEBHOOK_URL: `${receiver.url}/hook`, WEBHOOK_TIMEOUT_MS: '300' });
    const jobId = await submit('wd-hang');
    const delivery = await deliveryOf('wd-hang', 'delivered');

    expect(delivery).toMatchObject({ attempts: 2, response_code: 200, last_error: 'timed out after 300 ms' });
    expect(requestsFor(`${jobId}.urgent`)).toHaveLength(2);
    expect((await typesOf('wd-hang', 'webhook')).map((e) => e.type)).toEqual(['webhook_sent']);
  });

  it('never holds up the ticket: processed and poppable while its delivery hangs', async () => {
    const stuck = await startHttpReceiver(() => 'hang');
    try {
      await worker({ WEBHOOK_URL: `${stuck.url}/hook`, WEBHOOK_TIMEOUT_MS: '60000' });
      const jobId = await submit('wd-stuck');
      await waitFor(() => stuck.hanging() === 1, { what: 'the delivery to hang' });
      await completed(jobId);
      expect((await deliveries()).find((d) => d.ticket_id === 'wd-stuck')).toMatchObject({ status: 'sending', attempts: 1 });
      expect((await api.get('/tickets/next')).body).toMatchObject({ ticket_id: 'wd-stuck', job_id: jobId });
      expect(stuck.hanging()).toBe(1);
    } finally {
      // Dropping the held connection ends the try, so the worker can close.
      await stuck.close();
    }
  });

  it('a receiver that is down: the ticket is processed and poppable; the delivery ends failed after the last try', async () => {
    const port = await freePort();
    await worker({ WEBHOOK_URL: `http://127.0.0.1:${port}/hook` });
    const jobId = await submit('wd-down');
    await completed(jobId);
    expect((await api.get('/tickets/next')).body).toMatchObject({ ticket_id: 'wd-down', job_id: jobId });

    const delivery = await deliveryOf('wd-down', 'failed');
    expect(delivery).toMatchObject({ url_host: `127.0.0.1:${port}`, attempts: 3, max_attempts: 3, response_code: null });
    expect(delivery.last_error).toMatch(/ECONNREFUSED/);
    const events = await typesOf('wd-down', 'webhook');
    expect(events.map((e) => e.type)).toEqual(['webhook_failed']);
    expect(events[0]!.data).toMatchObject({ ticket_id: 'wd-down', job_id: jobId, kind: 'urgent', attempts: 3, error: delivery.last_error });
    expect(events[0]!.data).not.toHaveProperty('status');
    const job = await api.services.redis.hget(`{iq}:bull:webhooks:${jobId}.urgent`, 'failedReason');
    expect(job).toMatch(/ECONNREFUSED/);
  });

  it('gives up at once on a refusal no retry would change (404)', async () => {
    await worker({ WEBHOOK_URL: `${receiver.url}/status/404` });
    const jobId = await submit('wd-404');
    expect(await deliveryOf('wd-404', 'failed')).toMatchObject({ attempts: 1, response_code: 404, last_error: 'HTTP 404: {"ok":false}' });
    expect(requestsFor(`${jobId}.urgent`)).toHaveLength(1);
    expect((await typesOf('wd-404', 'webhook'))[0]!.data).toMatchObject({ status: 404, attempts: 1 });
  });

  it('signs every try with WEBHOOK_SECRET, verifiable with the helper and with node:crypto alone; never logs the secret', async () => {
    receiver.respond = answerInTurn([503, 200], (r) => String(r.headers['x-iq-delivery']));
    const url = `${receiver.url}/signed/T000/B000/path-secret`;
    spawned = await spawnWorker(redis.url, { ...FAST, WEBHOOK_URL: url, WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'debug' });
    const jobId = await submit('wd-signed');
    await deliveryOf('wd-signed', 'delivered');

    const tries = requestsFor(`${jobId}.urgent`);
    expect(tries).toHaveLength(2);
    for (const request of tries) {
      const header = String(request.headers['x-iq-signature']);
      expect(verifyWebhookSignature(SECRET, request.body, header)).toMatchObject({ ok: true });
      // What a receiver without this project's code does: Stripe's scheme, by hand.
      const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
      expect(createHmac('sha256', SECRET).update(`${t}.${request.body}`).digest('hex')).toBe(v1);
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
      // Another body, another secret, an old timestamp: refused.
      expect(verifyWebhookSignature(SECRET, request.body.replace('wd-signed', 'wd-forged'), header).ok).toBe(false);
      expect(verifyWebhookSignature('not-the-secret-0123456789', request.body, header).ok).toBe(false);
      expect(verifyWebhookSignature(SECRET, request.body, header, { nowSeconds: Number(t) + 301 }).ok).toBe(false);
    }
    expect(spawned.output()).toContain('worker ready');
    expect(spawned.output()).not.toContain(SECRET);
    expect(spawned.output()).not.toContain('path-secret');
  });

  it('does not send again a try whose worker was killed during it: failed, at most once', async () => {
    const stuck = await startHttpReceiver(() => 'hang');
    try {
      const env = { ...FAST, WEBHOOK_URL: `${stuck.url}/hook`, WEBHOOK_TIMEOUT_MS: '60000', WORKER_LOCK_DURATION_MS: '1000', WORKER_STALLED_INTERVAL_MS: '500' };
      spawned = await spawnWorker(redis.url, { ...env, LOG_LEVEL: 'info' });
      const jobId = await submit('wd-killed');
      await waitFor(() => stuck.hanging() === 1, { what: 'the try to be in flight' });
      await spawned.kill('SIGKILL');
      stuck.respond = () => 200;
      await worker(env);

      const delivery = await deliveryOf('wd-killed', 'failed');
      expect(delivery).toMatchObject({ attempts: 1, response_code: null });
      expect(delivery.last_error).toMatch(/died/);
      expect(stuck.requests).toHaveLength(1);
      const events = await typesOf('wd-killed', 'webhook');
      expect(events.map((e) => e.type)).toEqual(['webhook_failed']);
      expect(events[0]!.data).toMatchObject({ job_id: jobId, attempts: 1 });
    } finally {
      await stuck.close();
    }
  });

  it('does not alert a ticket at or below the threshold: no delivery is enqueued', async () => {
    await worker({ WEBHOOK_URL: `${receiver.url}/hook` });
    const calm = { subject: 'Question about exports', body: 'How can I export my data? Thanks!' };
    const jobId = await submit('wd-calm', calm);
    // The enqueue happens inside the triage job, so once it completed there is nothing to wait for.
    await completed(jobId);
    expect((await deliveries()).filter((d) => d.ticket_id === 'wd-calm')).toEqual([]);
    expect(await redis.client.exists(`{iq}:bull:webhooks:${jobId}.urgent`)).toBe(0);
    expect(await redis.client.zscore(ESCALATIONS, 'wd-calm')).toBeNull();
  });
});

describe('escalation', () => {
  const escalationsOf = async (ticketId: string) => (await api.events(ticketId)).filter((e) => e.type === 'ticket_escalated');

  it('escalates an urgent ticket nobody took once, with two workers looking', async () => {
    const env = { WEBHOOK_URL: `${receiver.url}/hook`, ESCALATE_AFTER_SECONDS: '1', ESCALATE_INTERVAL_MS: '100' };
    await worker(env);
    await worker(env);
    const ids = Array.from({ length: 20 }, (_, i) => `esc-${i}`);
    const jobs = new Map<string, string>();
    for (const id of ids) jobs.set(id, await submit(id));

    for (const id of ids) {
      const escalation = await deliveryOf(id, 'delivered', 'escalation');
      expect(escalation).toMatchObject({ delivery_id: `${jobs.get(id)}.escalation`, attempts: 1 });
    }
    for (const id of ids) {
      // Its entry is gone with the escalation: nothing is left that could escalate it again.
      expect(await redis.client.zscore(ESCALATIONS, id)).toBeNull();
      const events = await escalationsOf(id);
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toMatchObject({ ticket_id: id, job_id: jobs.get(id), urgency_score: expect.any(Number) });
      expect(events[0]!.data.waited_seconds).toBeGreaterThanOrEqual(1);
      const sent = requestsFor(`${jobs.get(id)}.escalation`);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers['x-iq-event']).toBe('ticket.escalated');
      expect(sent[0]!.json).toMatchObject({ event: 'ticket.escalated', waited_seconds: expect.any(Number), ticket: { ticket_id: id } });
      // The urgent alert went out too, once.
      expect(requestsFor(`${jobs.get(id)}.urgent`)).toHaveLength(1);
    }
  });

  it('drops a ticket popped before it is due, and still escalates one that waits', async () => {
    // Escalation an hour away; the test moves the due time instead of waiting for it.
    await worker({ WEBHOOK_URL: `${receiver.url}/hook`, ESCALATE_AFTER_SECONDS: '3600', ESCALATE_INTERVAL_MS: '100' });
    const popped = await submit('esc-popped');
    const waiting = await submit('esc-waiting');
    await completed(popped);
    await completed(waiting);
    expect(Number(await redis.client.zscore(ESCALATIONS, 'esc-popped'))).toBeGreaterThan(Date.now() + 3_000_000);
    expect((await api.get('/tickets/next')).body).toMatchObject({ ticket_id: 'esc-popped' });

    // Both due now: one pass looks at both (one Lua step).
    await redis.client.zadd(ESCALATIONS, 0, 'esc-popped', 0, 'esc-waiting');
    await waitFor(async () => (await escalationsOf('esc-waiting')).length === 1, { what: 'esc-waiting escalated' });
    expect(await redis.client.zscore(ESCALATIONS, 'esc-popped')).toBeNull();
    expect(await escalationsOf('esc-popped')).toEqual([]);
    expect(await redis.client.exists(`{iq}:bull:webhooks:${popped}.escalation`)).toBe(0);
    await deliveryOf('esc-waiting', 'delivered', 'escalation');
    expect((await deliveries()).filter((d) => d.ticket_id === 'esc-popped').map((d) => d.kind)).toEqual(['urgent']);
  });
});
