import { describe, expect, it, vi } from 'vitest';
import type { Logger, ProcessedTicket, WebhookQueue } from '@iq/core';
import { alertEnqueuer, createAlert, type AlertConfig } from './alert.js';

const CONFIG: AlertConfig = {
  WEBHOOK_URL: 'https://hooks.example/x',
  WEBHOOK_MIN_URGENCY: 0.8,
  ESCALATE_AFTER_SECONDS: 900,
};

const ticket = (urgency: number): ProcessedTicket =>
  ({
    ticket_id: 't-1',
    job_id: 'job~1',
    subject: 'Down',
    body: 'private',
    category: 'Technical',
    team: 'technical',
    urgency_score: urgency,
    priority_score: 9,
    created_at: '2024-01-01T00:00:00.000Z',
    processed_at: '2024-01-01T00:00:01.000Z',
  }) as ProcessedTicket;

const log = { debug: vi.fn() } as unknown as Logger;

function setup(config: AlertConfig = CONFIG) {
  const enqueue = vi.fn(async () => 'job~1.urgent');
  const escalations = { schedule: vi.fn(async () => undefined) };
  const escalationsOf = vi.fn(() => escalations);
  return { alert: createAlert(config, { enqueue, escalationsOf }), enqueue, escalations, escalationsOf };
}

describe('alert policy', () => {
  it('enqueues one urgent delivery of a ticket above the threshold (its snapshot, no body) and schedules its escalation', async () => {
    const { alert, enqueue, escalations, escalationsOf } = setup();
    await alert(ticket(0.9), log);
    expect(enqueue).toHaveBeenCalledExactlyOnceWith({
      kind: 'urgent',
      ticket: {
        ticket_id: 't-1',
        job_id: 'job~1',
        subject: 'Down',
        category: 'Technical',
        urgency_score: 0.9,
        priority_score: 9,
        created_at: '2024-01-01T00:00:00.000Z',
        processed_at: '2024-01-01T00:00:01.000Z',
      },
    });
    expect(escalations.schedule).toHaveBeenCalledExactlyOnceWith(ticket(0.9), 900_000);
    // In the queue of the ticket's team, where the escalation pass of that team looks.
    expect(escalationsOf).toHaveBeenCalledExactlyOnceWith('technical');
  });

  it('does nothing at or below the threshold, or without a webhook', async () => {
    const below = setup();
    await below.alert(ticket(0.8), log);
    const none = setup({ ...CONFIG, WEBHOOK_URL: undefined });
    await none.alert(ticket(1), log);
    for (const { enqueue, escalations } of [below, none]) {
      expect(enqueue).not.toHaveBeenCalled();
      expect(escalations.schedule).not.toHaveBeenCalled();
    }
  });

  it('schedules no escalation with ESCALATE_AFTER_SECONDS=0', async () => {
    const { alert, enqueue, escalations } = setup({ ...CONFIG, ESCALATE_AFTER_SECONDS: 0 });
    await alert(ticket(0.95), log);
    expect(enqueue).toHaveBeenCalledOnce();
    expect(escalations.schedule).not.toHaveBeenCalled();
  });

  it('lets a failed enqueue fail the triage job (whose retry enqueues again)', async () => {
    const { alert, enqueue } = setup();
    enqueue.mockRejectedValueOnce(new Error('Connection is closed.'));
    await expect(alert(ticket(0.9), log)).rejects.toThrow('Connection is closed.');
  });
});

describe('alertEnqueuer', () => {
  it('adds the BullMQ job under the delivery id, then logs it pending with the URL host only', async () => {
    const order: string[] = [];
    const queue = { add: vi.fn(async () => void order.push('add')) } as unknown as WebhookQueue;
    const deliveries = { queued: vi.fn(async () => Boolean(order.push('queued'))) };
    const enqueue = alertEnqueuer(queue, deliveries, { url: 'https://hooks.slack.com:8443/services/T0/B0/SECRET', attempts: 5 });
    const data = { kind: 'escalation' as const, ticket: ticket(0.9), waited_seconds: 901 };

    expect(await enqueue(data)).toBe('job~1.escalation');
    expect(order).toEqual(['add', 'queued']);
    expect(queue.add).toHaveBeenCalledWith('deliver', data, { jobId: 'job~1.escalation' });
    expect(deliveries.queued).toHaveBeenCalledWith({
      delivery_id: 'job~1.escalation',
      ticket_id: 't-1',
      job_id: 'job~1',
      kind: 'escalation',
      url_host: 'hooks.slack.com:8443',
      status: 'pending',
      attempts: 0,
      max_attempts: 5,
      response_code: null,
      last_error: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });
});
