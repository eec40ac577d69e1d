import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookPayload, type AlertTicket, type WebhookAlert } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startHttpReceiver, startRedisServer, startWorker, waitFor, type Api, type HttpReceiver, type RedisServer } from '@iq/testkit';

// Urgent-ticket webhooks against a local receiving server: what is sent, and how it is
// escaped. Retries, timeouts, the delivery log, signatures and escalation are in
// webhook-delivery.test.ts. Deliveries leave the triage job (their own queue), so a test
// waits for the request itself.

let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
/** Each test runs its own worker, configured with the webhook URL it needs. */
let worker: TicketWorker | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

const ANGRY = { subject: 'Furious', body: 'This is terrible, I am furious, worst service ever, I hate it!!!' };
/** Urgent (S ≥ 0.5) but not above the webhook threshold of 0.8. */
const UNHAPPY = { subject: 'Cannot log in', body: 'The login page shows error 500 every time.' };
const CALM = { subject: 'Question about exports', body: 'How can I export my data? Thanks!' };

async function urgency(t: { subject: string; body: string }): Promise<number> {
  return (await api.post('/urgency-score', { text: `${t.subject}\n${t.body}` })).body.urgency_score;
}

async function submit(ticketId: string, t: { subject: string; body: string }): Promise<string> {
  const res = await api.post('/tickets', { ticket_id: ticketId, ...t });
  expect(res.status).toBe(202);
  return res.body.job_id;
}

/** Waits until the job is completed and returns the processed ticket. */
async function completed(ticketId: string, jobId: string): Promise<any> {
  await waitFor(async () => (await api.get(`/jobs/${encodeURIComponent(jobId)}`)).body.state === 'completed', { what: `${jobId} completed` });
  const queued = (await api.get('/queue?limit=1000')).body.filter((t: any) => t.ticket_id === ticketId);
  expect(queued).toHaveLength(1);
  return queued[0];
}

const requestsFor = (ticketId: string) => receiver.requests.filter((r) => r.body.includes(ticketId));
/** Waits for the one request naming `ticketId`. */
async function requestFor(ticketId: string) {
  const [request, ...more] = await waitFor(() => (requestsFor(ticketId).length > 0 ? requestsFor(ticketId) : undefined), { what: `the alert of ${ticketId}` });
  expect(more).toEqual([]);
  return request!;
}

describe('webhook on urgent tickets', () => {
  it('POSTs a generic payload (with its {text} line) naming the ticket when S > 0.8 and records webhook_sent', async () => {
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hook` });
    expect(await urgency(ANGRY)).toBeGreaterThan(0.8);
    const jobId = await submit('wh-angry', ANGRY);

    const ticket = await completed('wh-angry', jobId);
    expect(ticket.urgency_score).toBeGreaterThan(0.8);
    const request = await requestFor('wh-angry');
    expect(request).toMatchObject({ method: 'POST', url: '/hook' });
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    // A localhost URL is neither Slack's nor Discord's: the generic payload, which keeps `text`.
    expect(Object.keys(request.json)).toEqual(['event', 'delivery_id', 'text', 'ticket']);
    expect(request.json.text).toContain('wh-angry');
    expect(request.json.text).toContain(ANGRY.subject);
    expect(request.json.ticket).toMatchObject({ ticket_id: 'wh-angry', job_id: jobId, subject: ANGRY.subject, urgency_score: ticket.urgency_score });
    expect(request.json.ticket).not.toHaveProperty('body');

    const sent = await waitFor(async () => {
      const events = (await api.events('wh-angry')).filter((e) => e.type === 'webhook_sent');
      return events.length > 0 && events;
    });
    expect(sent).toEqual([expect.objectContaining({ data: expect.objectContaining({ ticket_id: 'wh-angry', job_id: jobId, status: 200 }) })]);
  });

  it('does not POST for tickets at or below the threshold', async () => {
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hook` });
    const unhappy = await urgency(UNHAPPY);
    expect(unhappy).toBeGreaterThanOrEqual(0.5);
    expect(unhappy).toBeLessThanOrEqual(0.8);
    expect(await urgency(CALM)).toBeLessThan(0.5);
    const jobs = { 'wh-unhappy': await submit('wh-unhappy', UNHAPPY), 'wh-calm': await submit('wh-calm', CALM) };

    for (const [ticketId, jobId] of Object.entries(jobs)) {
      // A delivery is enqueued before the job completes, so once it has completed there
      // is nothing left to wait for: no delivery job, so no request can follow.
      const ticket = await completed(ticketId, jobId);
      expect(ticket.urgency_score).toBeLessThanOrEqual(0.8);
      expect(await redis.client.exists(`{iq}:bull:webhooks:${jobId}.urgent`)).toBe(0);
      expect(requestsFor(ticketId)).toEqual([]);
      expect((await api.events(ticketId)).map((e) => e.type).filter((t) => t.startsWith('webhook'))).toEqual([]);
    }
  });

  // What a submitter could put in a ticket to ping everyone or disguise a link.
  const HOSTILE = '<!channel> @everyone <https://evil.example|bank.com> [bank.com](https://evil.example)';

  it('escapes the ticket for Slack: no mention or link of the submitter survives', async () => {
    // The receiver is not on slack.com, so the format is set rather than detected.
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hook`, WEBHOOK_FORMAT: 'slack' });
    const hostile = { ...ANGRY, subject: `${HOSTILE}\n*bold* \`code\`` };
    expect(await urgency(hostile)).toBeGreaterThan(0.8);
    const jobId = await submit('wh-slack-esc <!here>', hostile);

    await completed('wh-slack-esc <!here>', jobId);
    const request = await requestFor('wh-slack-esc');
    expect(Object.keys(request.json)).toEqual(['text', 'blocks']);
    // Nowhere in the blocks either.
    expect(JSON.stringify(request.json.blocks)).not.toMatch(/[<>]|@everyone/);
    const text: string = request.json.text;
    expect(text).toContain('wh-slack-esc &lt;!here&gt;');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;https://evil.example|bank.com&gt;');
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toContain('@everyone');
    // One line: the subject's newline is gone.
    expect(text).not.toContain('\n');
    expect(text).toContain('*bold* `code`');
  });

  it('escapes the ticket for Discord (WEBHOOK_FORMAT=discord) and allows no mentions', async () => {
    // The receiver is not on discord.com, so the format is set rather than detected.
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hook`, WEBHOOK_FORMAT: 'discord' });
    const hostile = { ...ANGRY, subject: `${HOSTILE} ||spoiler|| <@123>` };
    expect(await urgency(hostile)).toBeGreaterThan(0.8);
    const jobId = await submit('wh-discord-esc', hostile);

    await completed('wh-discord-esc', jobId);
    const body = (await requestFor('wh-discord-esc')).json;
    expect(Object.keys(body).sort()).toEqual(['allowed_mentions', 'content', 'embeds', 'text']);
    expect(JSON.stringify(body.embeds)).not.toMatch(/@everyone|\]\(/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.text).toBe(body.content);
    const content: string = body.content;
    expect(content).toContain('\\[bank.com\\]\\(https://evil.example\\)');
    expect(content).not.toContain('](');
    expect(content).toContain('\\<https://evil.example\\|bank.com\\>');
    expect(content).toContain('\\|\\|spoiler\\|\\|');
    expect(content).toContain('@\u200beveryone');
    expect(content).not.toContain('@everyone');
    expect(content).toContain('\\<@\u200b123\\>');
    expect(content).not.toMatch(/<@\d/);
  });
});

describe('webhook payload (Slack / Discord)', () => {
  const ticket: AlertTicket = {
    ticket_id: 'T-42',
    job_id: 'T-42~1',
    subject: 'Everything is broken',
    category: 'Technical',
    urgency_score: 0.9712,
    priority_score: 10,
    created_at: '2024-01-01T00:00:00.000Z',
    processed_at: '2024-01-01T00:00:01.000Z',
  };
  const alert: WebhookAlert = { kind: 'urgent', delivery_id: 'T-42~1.urgent', ticket };

  it.each([
    'https://discord.com/api/webhooks/1/abc',
    'https://ptb.discord.com/api/webhooks/1/abc',
    'https://discordapp.com/api/webhooks/1/abc',
  ])('gives Discord (%s) text, content, an embed and no mentions allowed', (url) => {
    const payload = webhookPayload(url, alert);
    expect(Object.keys(payload).sort()).toEqual(['allowed_mentions', 'content', 'embeds', 'text']);
    expect('content' in payload && payload.content).toBe(payload.text);
    expect(payload.text).toContain('T-42');
    expect(payload.text).toContain('Technical');
    expect(payload.text).toContain('0.97');
    expect(payload.text).toContain('Everything is broken');
  });

  it('gives Slack (hooks.slack.com) text and blocks', () => {
    const payload = webhookPayload('https://hooks.slack.com/services/T000/B000/XXXX', alert);
    expect(Object.keys(payload)).toEqual(['text', 'blocks']);
    expect(payload.text).toContain('T-42');
  });

  it.each(['http://127.0.0.1:9/hook', 'https://discord.com.example.org/hook', 'https://notdiscord.com/hook'])(
    'gives anything else (%s) the generic payload, with the same text',
    (url) => {
      const payload = webhookPayload(url, alert);
      expect(Object.keys(payload)).toEqual(['event', 'delivery_id', 'text', 'ticket']);
      expect(payload.text).toContain('T-42');
    },
  );
});
