import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature, WEBHOOK_SIGNATURE_TOLERANCE_SECONDS } from './webhook-signature.js';

const SECRET = 'whsec-0123456789abcdef';
const BODY = '{"event":"ticket.urgent","text":"Urgent ticket T-1 …"}';
const T = 1_764_671_405;

describe('signWebhookBody', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`, 'utf8').digest('hex');
    expect(signWebhookBody(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
  });

  it('signs at the current second by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const t = Number(/^t=(\d+),/.exec(signWebhookBody(SECRET, BODY))![1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(before + 1);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhookBody(SECRET, BODY, T);
  const at = { nowSeconds: T + 10 };

  it('accepts the body it signed, within the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, BODY, header, at)).toEqual({ ok: true, timestamp: T });
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: T + WEBHOOK_SIGNATURE_TOLERANCE_SECONDS })).toMatchObject({ ok: true });
  });

  it.each([
    ['another body', SECRET, `${BODY} `, header],
    ['another secret', 'another-secret-0123456789', BODY, header],
    ['a changed timestamp', SECRET, BODY, header.replace(`t=${T}`, `t=${T + 1}`)],
    ['a truncated digest', SECRET, BODY, header.slice(0, -2)],
    ['a digest that is not hex', SECRET, BODY, header.replace(/v1=.*/, `v1=${'z'.repeat(64)}`)],
  ])('refuses %s', (_, secret, body, value) => {
    expect(verifyWebhookSignature(secret, body, value, at)).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses a replay: a timestamp older (or newer) than the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: T + WEBHOOK_SIGNATURE_TOLERANCE_SECONDS + 1 })).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: T - 3600 })).toMatchObject({ ok: false });
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: T + 3600, toleranceSeconds: 7200 })).toMatchObject({ ok: true });
  });

  it.each([undefined, '', 'v1=abc', `t=${T}`, `t=soon,v1=abc`, 'garbage'])('refuses a missing or malformed header (%s)', (value) => {
    expect(verifyWebhookSignature(SECRET, BODY, value, at).ok).toBe(false);
  });

  it('accepts any one of several v1 signatures (secrets being rotated), in any order, with spaces', () => {
    const other = signWebhookBody('old-secret-0123456789abc', BODY, T).split(',')[1];
    const v1 = header.split(',')[1];
    expect(verifyWebhookSignature(SECRET, BODY, `t=${T}, ${other}, ${v1}`, at)).toMatchObject({ ok: true });
    expect(verifyWebhookSignature(SECRET, BODY, `${v1},t=${T}`, at)).toMatchObject({ ok: true });
  });
});
