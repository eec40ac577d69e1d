import type { ProcessedTicket } from '@iq/core';

/** A Slack-compatible `{text}`, plus Discord's `content` when the URL is Discord's. */
export function webhookPayload(url: string, ticket: ProcessedTicket): Record<string, string> {
  const text =
    `:rotating_light: Urgent ticket ${ticket.ticket_id} (${ticket.category}, ` +
    `urgency ${ticket.urgency_score.toFixed(2)}): ${ticket.subject}`;
  const host = new URL(url).hostname;
  const discord = host === 'discord.com' || host.endsWith('.discord.com') || host === 'discordapp.com' || host.endsWith('.discordapp.com');
  return discord ? { text, content: text } : { text };
}

export type WebhookResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

/**
 * POSTs the alert once, within `timeoutMs`. Never throws: a failing webhook must not
 * fail or retry the job.
 */
export async function sendWebhook(url: string, ticket: ProcessedTicket, timeoutMs: number): Promise<WebhookResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookPayload(url, ticket)),
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
