import { UnrecoverableError } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, verifyWebhookSignature, type BeginOutcome, type TryOutcome, type WebhookJobData } from '@iq/core';
import { deliveryProcessor, type DeliveryJob } from './deliver-webhook.js';
import type { WebhookRequest, WebhookResult } from './webhook.js';

const log = createLogger({ name: 'test', level: 'silent', format: 'json' });
const SETTINGS = { url: 'http://127.0.0.1:9/hook', format: 'auto' as const, timeoutMs: 1_000 };
const DATA: WebhookJobData = {
  kind: 'urgent',
  ticket: {
    ticket_id: 't-1',
    job_id: 't-1~1',
    subject: 'Down',
    category: 'Technical',
    urgency_score: 0.93,
    priority_score: 9,
    created_at: '2024-01-01T00:00:00.000Z',
    processed_at: '2024-01-01T00:00:01.000Z',
  },
};
const job = (attemptsMade = 0, attempts = 3): DeliveryJob => ({ id: 't-1~1.urgent', data: DATA, attemptsMade, opts: { attempts } }) as DeliveryJob;

function setup(result: WebhookResult, begun: BeginOutcome = { go: true }, settings: typeof SETTINGS & { secret?: string } = SETTINGS) {
  const deliveries = {
    begin: vi.fn(async () => begun),
    finish: vi.fn(async (_ref: unknown, _attempt: number, _outcome: TryOutcome) => true),
  };
  const send = vi.fn(async (_request: WebhookRequest) => result);
  return { run: deliveryProcessor(settings, { deliveries, log, send }), deliveries, send };
}

const base = { ticket_id: 't-1', job_id: 't-1~1', urgency_score: 0.93, kind: 'urgent', delivery_id: 't-1~1.urgent' };

describe('delivery processor', () => {
  it('marks the try in flight, sends it, and records delivered with webhook_sent', async () => {
    const { run, deliveries, send } = setup({ ok: true, status: 204 });
    expect(await run(job(1))).toEqual({ outcome: 'delivered', status: 204, attempts: 2 });
    expect(deliveries.begin).toHaveBeenCalledWith(
      expect.objectContaining({ delivery_id: 't-1~1.urgent', status: 'pending', url_host: '127.0.0.1:9', max_attempts: 3 }),
      2,
      expect.objectContaining({ status: 'sending', attempts: 2, url_host: '127.0.0.1:9' }),
    );
    expect(deliveries.begin.mock.invocationCallOrder[0]).toBeLessThan(send.mock.invocationCallOrder[0]!);
    const request = send.mock.calls[0]![0];
    expect(request).toMatchObject({ url: SETTINGS.url, timeoutMs: 1_000 });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'x-iq-delivery': 't-1~1.urgent', 'x-iq-event': 'ticket.urgent', 'x-iq-attempt': '2' });
    expect(request.headers).not.toHaveProperty('x-iq-signature');
    expect(JSON.parse(request.body)).toMatchObject({ event: 'ticket.urgent', delivery_id: 't-1~1.urgent', ticket: DATA.ticket });
    expect(deliveries.finish).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ delivery_id: 't-1~1.urgent', job_id: 't-1~1', kind: 'urgent' }), 2, {
      final: true,
      patch: { status: 'delivered', response_code: 204, updated_at: expect.any(String) },
      event: { type: 'webhook_sent', data: { ...base, attempts: 2, status: 204 } },
    });
  });

  it('signs the exact body with WEBHOOK_SECRET', async () => {
    const secret = 'a-secret-of-sixteen+';
    const { run, send } = setup({ ok: true, status: 200 }, { go: true }, { ...SETTINGS, secret });
    await run(job());
    const { body, headers } = send.mock.calls[0]![0];
    expect(verifyWebhookSignature(secret, body, headers['x-iq-signature'])).toMatchObject({ ok: true });
  });

  it('a failed try that may be retried records retrying, no event, and throws for BullMQ to retry', async () => {
    const { run, deliveries } = setup({ ok: false, status: 500, error: 'HTTP 500', retryable: true });
    const error = await run(job(0, 3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(deliveries.finish).toHaveBeenCalledExactlyOnceWith(expect.anything(), 1, {
      final: false,
      patch: expect.objectContaining({ status: 'retrying', response_code: 500, last_error: 'HTTP 500' }),
    });
  });

  it('the last try records failed with webhook_failed and fails the job for good', async () => {
    const { run, deliveries } = setup({ ok: false, error: 'timed out after 1000 ms', retryable: true });
    await expect(run(job(2, 3))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(deliveries.finish).toHaveBeenCalledExactlyOnceWith(expect.anything(), 3, {
      final: true,
      patch: expect.objectContaining({ status: 'failed', response_code: null, last_error: 'timed out after 1000 ms' }),
      // No status when no answer came.
      event: { type: 'webhook_failed', data: { ...base, attempts: 3, error: 'timed out after 1000 ms' } },
    });
  });

  it('a refusal no retry would change (a 4xx) is final at once', async () => {
    const { run, deliveries } = setup({ ok: false, status: 404, error: 'HTTP 404: no_service', retryable: false });
    await expect(run(job(0, 8))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(deliveries.finish.mock.calls[0]![2]).toMatchObject({ final: true, event: { type: 'webhook_failed', data: { attempts: 1, status: 404 } } });
  });

  it('does not send again after a worker died during a try: failed, at most once', async () => {
    const { run, deliveries, send } = setup({ ok: true, status: 200 }, { go: false, done: false, diedDuring: 1 });
    await expect(run(job(0))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(send).not.toHaveBeenCalled();
    expect(deliveries.finish).toHaveBeenCalledExactlyOnceWith(expect.anything(), 1, {
      final: true,
      patch: expect.objectContaining({ status: 'failed', last_error: expect.stringContaining('at most once') }),
      event: { type: 'webhook_failed', data: expect.objectContaining({ ...base, attempts: 1, error: expect.stringContaining('died') }) },
    });
  });

  it('completes without sending a delivery finished before (its worker died before completing the job)', async () => {
    const { run, deliveries, send } = setup({ ok: true, status: 200 }, { go: false, done: true });
    expect(await run(job(0))).toEqual({ outcome: 'done_before' });
    expect(send).not.toHaveBeenCalled();
    expect(deliveries.finish).not.toHaveBeenCalled();
  });

  it('an escalation says so in its event header and body', async () => {
    const { run, send, deliveries } = setup({ ok: true, status: 200 });
    const escalation = { ...job(), id: 't-1~1.escalation', data: { ...DATA, kind: 'escalation', waited_seconds: 901 } } as DeliveryJob;
    await run(escalation);
    const request = send.mock.calls[0]![0];
    expect(request.headers['x-iq-event']).toBe('ticket.escalated');
    expect(JSON.parse(request.body)).toMatchObject({ event: 'ticket.escalated', waited_seconds: 901 });
    expect(deliveries.finish.mock.calls[0]![2]).toMatchObject({ event: { data: { kind: 'escalation', delivery_id: 't-1~1.escalation' } } });
  });
});
