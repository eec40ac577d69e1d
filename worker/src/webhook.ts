import { webhookPayload, type ProcessedTicket, type WebhookFormatSetting } from '@iq/core';

export type WebhookResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

/**
 * POSTs the alert once, within `timeoutMs`. Never throws: a failing webhook must not
 * fail or retry the job.
 */
export async function sendWebhook(
  url: string,
  ticket: ProcessedTicket,
  timeoutMs: number,
  format: WebhookFormatSetting = 'auto',
): Promise<WebhookResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookPayload(url, ticket, format)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { ok: true, status: response.status }
      : { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error).name;
    return { ok: false, error: name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (error as Error).message };
  }
}
