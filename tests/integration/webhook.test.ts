import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookPayload, type ProcessedTicket } from '@iq/core';
import type { TicketWorker } from '@iq/worker/worker';
import { startApi, startHttpReceiver, startRedisServer, startWorker, waitFor, type Api, type HttpReceiver, type RedisServer } from '@iq/testkit';

// Urgent-ticket webhooks against a local receiving server. The receiver answers by
// path: /hook → 200, /status/500 → 500, /hang → never answers.

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

describe('webhook on urgent tickets', () => {
  it('POSTs a {text} payload naming the ticket when S > 0.8 and records webhook_sent', async () => {
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hook` });
    expect(await urgency(ANGRY)).toBeGreaterThan(0.8);
    const jobId = await submit('wh-angry', ANGRY);

    const ticket = await completed('wh-angry', jobId);
    expect(ticket.urgency_score).toBeGreaterThan(0.8);
    const [request, ...more] = requestsFor('wh-angry');
    expect(more).toEqual([]);
    expect(request).toMatchObject({ method: 'POST', url: '/hook' });
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(request!.json)).toEqual(['text']);
    expect(request!.json.text).toContain('wh-angry');
    expect(request!.json.text).toContain(ANGRY.subject);

    // webhook_sent is recorded before the job completes.
    const sent = (await api.events('wh-angry')).filter((e) => e.type === 'webhook_sent');
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
      // The alert is sent before the job completes, so once it has completed there is
      // nothing left to wait for.
      const ticket = await completed(ticketId, jobId);
      expect(ticket.urgency_score).toBeLessThanOrEqual(0.8);
      expect(requestsFor(ticketId)).toEqual([]);
      expect((await api.events(ticketId)).map((e) => e.type).filter((t) => t.startsWith('webhook'))).toEqual([]);
    }
  });

  it('a webhook answering 500 records webhook_failed; the ticket is still processed', async () => {
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/status/500`, LOG_LEVEL: 'error' });
    const jobId = await submit('wh-500', ANGRY);

    await completed('wh-500', jobId);
    expect(requestsFor('wh-500')).toHaveLength(1);
    const log = await api.events('wh-500');
    expect(log.map((e) => e.type)).toEqual(['webhook_failed', 'ticket_processed', 'ticket_accepted']);
    expect(log[0]!.data).toMatchObject({ ticket_id: 'wh-500', job_id: jobId, status: 500, error: 'HTTP 500' });
    // Failed once, not retried: the webhook is fire-and-forget.
    const job = await api.services.queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(1);
  });

  // What a submitter could put in a ticket to ping everyone or disguise a link.
  const HOSTILE = '<!channel> @everyone <https://evil.example|bank.com> [bank.com](https://evil.example)';

  it('escapes the ticket for Slack: no mention or link of the submitter survives', async () => {
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hook` });
    const hostile = { ...ANGRY, subject: `${HOSTILE}\n*bold* \`code\`` };
    expect(await urgency(hostile)).toBeGreaterThan(0.8);
    const jobId = await submit('wh-slack-esc <!here>', hostile);

    await completed('wh-slack-esc <!here>', jobId);
    const [request, ...more] = requestsFor('wh-slack-esc');
    expect(more).toEqual([]);
    expect(Object.keys(request!.json)).toEqual(['text']);
    const text: string = request!.json.text;
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
    const [request, ...more] = requestsFor('wh-discord-esc');
    expect(more).toEqual([]);
    const body = request!.json;
    expect(Object.keys(body).sort()).toEqual(['allowed_mentions', 'content', 'text']);
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

  it('a hanging webhook times out into webhook_failed; the ticket is still processed', async () => {
    worker = await startWorker(redis.url, { WEBHOOK_URL: `${receiver.url}/hang`, WEBHOOK_TIMEOUT_MS: '300', LOG_LEVEL: 'error' });
    const jobId = await submit('wh-hang', ANGRY);

    await completed('wh-hang', jobId);
    expect(requestsFor('wh-hang')).toHaveLength(1);
    const failed = (await api.events('wh-hang')).filter((e) => e.type.startsWith('webhook'));
    expect(failed).toEqual([expect.objectContaining({ type: 'webhook_failed' })]);
    expect(failed[0]!.data).toMatchObject({ ticket_id: 'wh-hang', job_id: jobId });
    expect(failed[0]!.data.error).toMatch(/timed out/);
    expect(failed[0]!.data.error).toContain('300');
    expect(failed[0]!.data).not.toHaveProperty('status');
  });
});

describe('webhook payload (Slack / Discord)', () => {
  const ticket: ProcessedTicket = {
    ticket_id: 'T-42',
    job_id: 'T-42~1',
    subject: 'Everything is broken',
    body: 'Nothing works.',
    customer_id: null,
    channel: null,
    category: 'Technical',
    urgency_score: 0.9712,
    is_urgent: true,
    priority_score: 10,
    urgency_explanation: '',
    urgency_override: null,
    model: 'vader-lexicon',
    created_at: '2024-01-01T00:00:00.000Z',
    processed_at: '2024-01-01T00:00:01.000Z',
  };

  it.each([
    'https://discord.com/api/webhooks/1/abc',
    'https://ptb.discord.com/api/webhooks/1/abc',
    'https://discordapp.com/api/webhooks/1/abc',
  ])('gives Discord (%s) text, content and no mentions allowed', (url) => {
    const payload = webhookPayload(url, ticket);
    expect(Object.keys(payload).sort()).toEqual(['allowed_mentions', 'content', 'text']);
    expect('content' in payload && payload.content).toBe(payload.text);
    expect(payload.text).toContain('T-42');
    expect(payload.text).toContain('Technical');
    expect(payload.text).toContain('0.97');
    expect(payload.text).toContain('Everything is broken');
  });

  it.each([
    'https://hooks.slack.com/services/T000/B000/XXXX',
    'http://127.0.0.1:9/hook',
    'https://discord.com.example.org/hook',
    'https://notdiscord.com/hook',
  ])('gives anything else (%s) only text', (url) => {
    const payload = webhookPayload(url, ticket);
    expect(Object.keys(payload)).toEqual(['text']);
    expect(payload.text).toContain('T-42');
  });
});
