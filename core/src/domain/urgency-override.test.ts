import { describe, expect, it } from 'vitest';
import { queueScore } from './priority.js';
import type { ProcessedTicket } from './ticket.js';
import { applyUrgencyOverride, arrivalSeq, trainingExample, urgencyOverrideInputSchema } from './urgency-override.js';
import { toFieldErrors } from './validation.js';

const ticket: ProcessedTicket = {
  ticket_id: 'FE 5',
  job_id: 'FE~205~42',
  subject: 'Login slow',
  body: 'Takes a minute to log in',
  customer_id: null,
  channel: null,
  category: 'Technical',
  team: 'technical',
  urgency_score: 0.12,
  is_urgent: false,
  priority_score: 1,
  model: 'vader-lexicon',
  urgency_explanation: 'tone 0.12',
  urgency_override: null,
  created_at: '2026-01-01T00:00:00.000Z',
  processed_at: '2026-01-01T00:00:01.000Z',
};
const AT = '2026-01-01T00:05:00.000Z';

const errorsOf = (body: unknown) => {
  const result = urgencyOverrideInputSchema.safeParse(body, { reportInput: true });
  expect(result.success).toBe(false);
  return toFieldErrors(result.error!, ['body'], body);
};

describe('urgencyOverrideInputSchema', () => {
  it('takes S in [0, 1] and an optional reason; a missing or blank reason is none', () => {
    expect(urgencyOverrideInputSchema.parse({ urgency_score: 0.9, reason: 'hospital' })).toEqual({ urgency_score: 0.9, reason: 'hospital' });
    expect(urgencyOverrideInputSchema.parse({ urgency_score: 0 })).toEqual({ urgency_score: 0, reason: null });
    expect(urgencyOverrideInputSchema.parse({ urgency_score: 1, reason: null }).reason).toBeNull();
    expect(urgencyOverrideInputSchema.parse({ urgency_score: 1, reason: '  ' }).reason).toBeNull();
  });

  it('reports errors as pydantic does for a float field', () => {
    expect(errorsOf({ urgency_score: 1.5 })).toEqual([
      { type: 'less_than_equal', loc: ['body', 'urgency_score'], msg: 'Input should be less than or equal to 1', input: 1.5 },
    ]);
    expect(errorsOf({ urgency_score: -0.1 })[0]).toMatchObject({ type: 'greater_than_equal', input: -0.1 });
    expect(errorsOf({ urgency_score: 'high' })).toEqual([
      {
        type: 'float_parsing',
        loc: ['body', 'urgency_score'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        input: 'high',
      },
    ]);
    expect(errorsOf({ urgency_score: true })[0]).toMatchObject({ type: 'float_type', msg: 'Input should be a valid number' });
    expect(errorsOf({ urgency_score: null })[0]).toMatchObject({ type: 'float_type' });
    expect(errorsOf({ reason: 'x' })).toEqual([
      { type: 'missing', loc: ['body', 'urgency_score'], msg: 'Field required', input: { reason: 'x' } },
    ]);
    expect(errorsOf({ urgency_score: 0.5, reason: 'x'.repeat(501) })[0]).toMatchObject({
      type: 'string_too_long',
      loc: ['body', 'reason'],
    });
  });
});

describe('arrivalSeq', () => {
  it('reads the number after the last ~ of a job id', () => {
    expect(arrivalSeq('T-1~7')).toBe(7);
    expect(arrivalSeq('FE~205~42')).toBe(42);
  });

  it('refuses a job id without one', () => {
    expect(() => arrivalSeq('no-seq')).toThrow(RangeError);
    expect(() => arrivalSeq('T~')).toThrow(RangeError);
  });
});

describe('applyUrgencyOverride', () => {
  it('derives everything from the new S, keeps the old one and the arrival order', () => {
    const { ticket: corrected, queueScore: score } = applyUrgencyOverride(ticket, { urgency_score: 0.99, reason: 'hospital' }, AT);
    expect(corrected).toEqual({
      ...ticket,
      urgency_score: 0.99,
      is_urgent: true,
      priority_score: 10,
      urgency_explanation: 'set by an agent (hospital): 0.12 → 0.99 · scorer: tone 0.12',
      urgency_override: { previous_score: 0.12, reason: 'hospital', overridden_at: AT },
    });
    expect(score).toBe(queueScore(0.99, 42));
  });

  it('rounds the priority half to even, as the original did, and is urgent from 0.5', () => {
    expect(applyUrgencyOverride(ticket, { urgency_score: 0.25, reason: null }, AT).ticket).toMatchObject({ priority_score: 2, is_urgent: false });
    expect(applyUrgencyOverride(ticket, { urgency_score: 0.5, reason: null }, AT).ticket).toMatchObject({ priority_score: 5, is_urgent: true });
  });

  it('keeps the S before this correction, not the scorer’s, when corrected twice', () => {
    const once = applyUrgencyOverride(ticket, { urgency_score: 0.8, reason: null }, AT).ticket;
    const twice = applyUrgencyOverride(once, { urgency_score: 0.3, reason: null }, AT).ticket;
    expect(twice.urgency_override?.previous_score).toBe(0.8);
    // The explanation explains the S the ticket has now, and keeps the scorer's part once.
    expect(twice.urgency_explanation).toBe('set by an agent: 0.80 → 0.30 · scorer: tone 0.12');
  });

  it('labels a training example with the new S, and the reason or a default note', () => {
    const { record, event } = applyUrgencyOverride(ticket, { urgency_score: 0.99, reason: 'hospital' }, AT);
    expect(trainingExample(record)).toEqual({
      id: 'FE 5',
      subject: 'Login slow',
      body: 'Takes a minute to log in',
      urgent: true,
      category: 'Technical',
      note: 'hospital',
    });
    expect(record).toMatchObject({ urgency_score: 0.99, overridden_at: AT });
    expect(event).toEqual({ ticket_id: 'FE 5', old_score: 0.12, new_score: 0.99, reason: 'hospital' });
    expect(applyUrgencyOverride(ticket, { urgency_score: 0.1, reason: null }, AT).record).toMatchObject({ urgent: false, note: 'agent override' });
  });
});
