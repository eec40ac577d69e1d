import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (`WEBHOOK_SECRET`), in Stripe's scheme: the header
 *
 *     X-IQ-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 *
 * signs the exact bytes sent together with the time they were signed, so a receiver can
 * check that the body came from someone holding the secret and refuse a replay of an old
 * one. Every try of a delivery is signed anew (a new `t`). A receiver may be handed several
 * `v1=` values (e.g. while secrets rotate); one that matches is enough.
 *
 * Written to be copied: the README's receiver snippet is this file's verify, inlined.
 */

/** The header, as Node's http module names it (lower case); sent as `X-IQ-Signature`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-iq-signature';
/** The delivery's id, the same on every try of it: a receiver drops a repeat by it. */
export const WEBHOOK_DELIVERY_HEADER = 'x-iq-delivery';
/** `ticket.urgent` or `ticket.escalated`. */
export const WEBHOOK_EVENT_HEADER = 'x-iq-event';

/** How old a signature a receiver should accept, by default: five minutes, as Stripe. */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The header value for `body` (the exact string sent), signed at `timestamp` (unix seconds). */
export function signWebhookBody(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a signature header against the raw body as received (before any JSON parsing):
 * well-formed, signed with `secret`, and no older (nor newer) than `toleranceSeconds`.
 * Constant-time in the comparison of the digests.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): SignatureCheck {
  const { toleranceSeconds = WEBHOOK_SIGNATURE_TOLERANCE_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) } = options;
  if (!header) return { ok: false, reason: 'no signature header' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value !== undefined).map(([, value]) => value!);
  const timestamp = t !== undefined && /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(timestamp) || signatures.length === 0) return { ok: false, reason: 'malformed signature header' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'signature does not match' };
}
