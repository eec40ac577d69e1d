import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  signWebhookBody,
  singleLine,
  webhookPayload,
  type WebhookAlert,
  type WebhookFormatSetting,
} from '@iq/core';

/** One try's outcome; `retryable` says whether another try could go differently. */
export type WebhookResult = { ok: true; status: number } | { ok: false; status?: number; error: string; retryable: boolean };

export interface WebhookRequest {
  url: string;
  /** The exact bytes sent (and signed). */
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface WebhookSettings {
  url: string;
  format: WebhookFormatSetting;
  /** Signs the body when set. */
  secret?: string;
  timeoutMs: number;
}

/** The request of one try of an alert: its body in the URL's format, and its headers (signed anew per try). */
export function webhookRequest(settings: WebhookSettings, alert: WebhookAlert, attempt: number): WebhookRequest {
  const body = JSON.stringify(webhookPayload(settings.url, alert, settings.format));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'intelligent-queue-webhooks/1',
    [WEBHOOK_DELIVERY_HEADER]: alert.delivery_id,
    [WEBHOOK_EVENT_HEADER]: alert.kind === 'escalation' ? 'ticket.escalated' : 'ticket.urgent',
    'x-iq-attempt': String(attempt),
  };
  if (settings.secret) headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(settings.secret, body);
  return { url: settings.url, body, headers, timeoutMs: settings.timeoutMs };
}

/**
 * A refusal that another try would not change: a redirect (never followed: a webhook
 * URL that moved is a configuration to fix) or a 4xx, except 408 (timeout) and 429 (rate
 * limited), which are worth another try.
 */
const isRetryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

/** The start of a refusal's body: Slack says why in it (`no_service`, `invalid_payload`). */
async function reasonOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < 1024) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return singleLine(Buffer.concat(chunks).toString('utf8'), 200);
}

/**
 * An error's message without the URL: Slack and Discord URLs hold their secret in the
 * path, and the message goes to the delivery log, the activity log and the worker's log.
 * A failed connection says why in its cause (`connect ECONNREFUSED 127.0.0.1:9`).
 */
function errorText(error: unknown, url: string): string {
  const { name, message, cause } = error as { name?: string; message?: string; cause?: { message?: string } };
  const text = cause?.message ?? message ?? String(error);
  const { pathname, search } = new URL(url);
  let safe = text.split(url).join('<webhook url>');
  if (pathname.length > 1) safe = safe.split(pathname + search).join('<path>');
  return name === 'TypeError' && safe === 'fetch failed' ? 'request failed' : safe;
}

/**
 * POSTs one try, within `timeoutMs` (the answer included). Never throws: the outcome is
 * the caller's to record and retry. Redirects are not followed.
 */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookResult> {
  const { url, timeoutMs } = request;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) {
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return { ok: true, status: response.status };
    }
    const reason = await reasonOf(response).catch(() => '');
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}${redirect}${reason ? `: ${reason}` : ''}`,
      retryable: isRetryableStatus(response.status),
    };
  } catch (error) {
    const name = (error as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return { ok: false, error: timedOut ? `timed out after ${timeoutMs} ms` : errorText(error, url), retryable: true };
  }
}
