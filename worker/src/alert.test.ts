import { describe, expect, it, vi } from 'vitest';
import type { Logger, ProcessedTicket } from '@iq/core';
import { createAlert, type AlertConfig } from './alert.js';
import type { WebhookResult } from './webhook.js';

const CONFIG: AlertConfig = {
  WEBHOOK_URL: 'https://hooks.example/x',
  WEBHOOK_MIN_URGENCY: 0.8,
  WEBHOOK_TIMEOUT_MS: 2_000,
  WEBHOOK_FORMAT: 'auto',
  JOB_RETENTION_SECONDS: 60,
};

const ticket = (urgency: number): ProcessedTicket =>
  ({ ticket_id: 't-1', job_id: 'job-1', urgency_score: urgency }) as ProcessedTicket;

function setup(config: AlertConfig = CONFIG, result: WebhookResult = { ok: true, status: 200 }) {
  const claimed = new Set<string>();
  const store = { claimAlert: vi.fn(async (jobId: string, kind: string) => !claimed.has(`${jobId}:${kind}`) && Boolean(claimed.add(`${jobId}:${kind}`))) };
  const activity = { emit: vi.fn(async () => '1-0') };
  const send = vi.fn(async () => result);
  const log = { warn: vi.fn() } as unknown as Logger;
  return { alert: createAlert(config, { store, activity, send }), store, activity, send, log };
}

describe('alert policy', () => {
  it('alerts a ticket above the threshold once, however often it is asked', async () => {
    const { alert, store, activity, send, log } = setup();
    await alert(ticket(0.9), log);
    await alert(ticket(0.9), log);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(CONFIG.WEBHOOK_URL, ticket(0.9), 2_000, 'auto');
    // The claim outlives the job's retention, so no retry can alert again.
    expect(store.claimAlert).toHaveBeenCalledWith('job-1', 'urgent', 60_000);
    expect(activity.emit).toHaveBeenCalledExactlyOnceWith('webhook_sent', { ticket_id: 't-1', job_id: 'job-1', urgency_score: 0.9, status: 200 });
  });

  it('does nothing at or below the threshold, or without a webhook', async () => {
    const below = setup();
    await below.alert(ticket(0.8), below.log);
    const none = setup({ ...CONFIG, WEBHOOK_URL: undefined });
    await none.alert(ticket(1), none.log);
    for (const { store, send, activity } of [below, none]) {
      expect(store.claimAlert).not.toHaveBeenCalled();
      expect(send).not.toHaveBeenCalled();
      expect(activity.emit).not.toHaveBeenCalled();
    }
  });

  it('records a failed delivery as webhook_failed and logs it under err', async () => {
    const { alert, activity, log } = setup(CONFIG, { ok: false, status: 500, error: 'HTTP 500' });
    await alert(ticket(0.95), log);
    expect(activity.emit).toHaveBeenCalledExactlyOnceWith('webhook_failed', { ticket_id: 't-1', job_id: 'job-1', urgency_score: 0.95, error: 'HTTP 500', status: 500 });
    expect(log.warn).toHaveBeenCalledWith({ err: 'HTTP 500' }, 'webhook failed');
  });
});
