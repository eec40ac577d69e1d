import { describe, expect, it } from 'vitest';
import type { TicketLimits } from './limits.js';
import { ticketBatchSchema, ticketInputSchema } from './ticket.js';
import { ValidationError, type FieldError } from './errors.js';
import { parseOrThrow } from './validation.js';

const DEFAULT_LIMITS: TicketLimits = {
  ticketIdMaxLength: 128,
  subjectMaxLength: 500,
  bodyMaxLength: 20_000,
  batchMaxItems: 1000,
};

const SMALL_LIMITS: TicketLimits = {
  ticketIdMaxLength: 8,
  subjectMaxLength: 10,
  bodyMaxLength: 20,
  batchMaxItems: 3,
};

const valid = { subject: 'Login', body: 'Since today.' };

/** The field errors a value produces, or [] when it parses. */
function errorsOf(limits: TicketLimits, value: unknown, prefix: (string | number)[] = []): FieldError[] {
  try {
    parseOrThrow(ticketInputSchema(limits), value, prefix);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
}

function batchErrorsOf(limits: TicketLimits, value: unknown, prefix: (string | number)[] = []): FieldError[] {
  try {
    parseOrThrow(ticketBatchSchema(limits), value, prefix);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
}

describe.each([
  ['default limits', DEFAULT_LIMITS],
  ['custom smaller limits', SMALL_LIMITS],
])('ticketInputSchema with %s', (_name, limits) => {
  const id = (n: number) => 'a'.repeat(n);

  describe('ticket_id', () => {
    it.each(['T-1', 'a.b_c:d', 'ORD:42', 'x', '0-9_._', 'FE 5', 'a/b', '#7', 'tilde~1', 'a@b.c', 'ümlaut', 'emoji😀', ' ', '..', '42'])(
      'accepts %j (any text without control characters, as the original)',
      (ticketId) => {
        const out = parseOrThrow(ticketInputSchema(limits), { ...valid, ticket_id: ticketId });
        expect(out.ticket_id).toBe(ticketId);
      },
    );
    it('accepts exactly the maximum length and rejects one more', () => {
      expect(errorsOf(limits, { ...valid, ticket_id: id(limits.ticketIdMaxLength) })).toEqual([]);
      const errors = errorsOf(limits, { ...valid, ticket_id: id(limits.ticketIdMaxLength + 1) });
      expect(errors).toEqual([expect.objectContaining({ loc: ['ticket_id'], type: 'string_too_long' })]);
    });

    it('rejects the empty string', () => {
      const errors = errorsOf(limits, { ...valid, ticket_id: '' });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.loc.join('.') === 'ticket_id')).toBe(true);
      expect(errors.map((e) => e.type)).toContain('string_too_short');
    });

    it.each(['a\nb', 'x\n', 'tab\t', 'nul\u0000', 'del\u007f', 'c1\u0085'])('rejects %j: a control character', (ticketId) => {
      expect(errorsOf(limits, { ...valid, ticket_id: ticketId })).toEqual([
        { type: 'value_error', loc: ['ticket_id'], msg: 'must not contain control characters', input: ticketId },
      ]);
    });
    it('rejects a lone surrogate (not valid Unicode)', () => {
      expect(errorsOf(limits, { ...valid, ticket_id: 'x\ud800' })).toEqual([
        expect.objectContaining({ loc: ['ticket_id'], type: 'value_error', msg: expect.stringContaining('Unicode') }),
      ]);
    });
    it('counts an emoji as one character', () => {
      expect(errorsOf(limits, { ...valid, ticket_id: '😀'.repeat(limits.ticketIdMaxLength) })).toEqual([]);
    });
    it('is optional: missing or null gives undefined (the id is generated later)', () => {
      expect(parseOrThrow(ticketInputSchema(limits), valid).ticket_id).toBeUndefined();
      expect(parseOrThrow(ticketInputSchema(limits), { ...valid, ticket_id: null }).ticket_id).toBeUndefined();
    });

    it('rejects a non-string id', () => {
      expect(errorsOf(limits, { ...valid, ticket_id: 42 })).toEqual([
        expect.objectContaining({ loc: ['ticket_id'], type: 'string_type' }),
      ]);
    });
  });

  describe('subject', () => {
    it('accepts the empty string, 1 character and exactly the maximum', () => {
      expect(errorsOf(limits, { ...valid, subject: '' })).toEqual([]);
      expect(errorsOf(limits, { ...valid, subject: 'x' })).toEqual([]);
      expect(errorsOf(limits, { ...valid, subject: 's'.repeat(limits.subjectMaxLength) })).toEqual([]);
    });

    it('rejects one character past the maximum', () => {
      expect(errorsOf(limits, { ...valid, subject: 's'.repeat(limits.subjectMaxLength + 1) })).toEqual([
        expect.objectContaining({ loc: ['subject'], type: 'string_too_long' }),
      ]);
    });

    it('counts characters, not UTF-16 code units', () => {
      const max = limits.subjectMaxLength;
      expect(errorsOf(limits, { ...valid, subject: '😀'.repeat(max) })).toEqual([]);
      expect(errorsOf(limits, { ...valid, subject: '😀'.repeat(max + 1) })).toEqual([
        expect.objectContaining({ loc: ['subject'], type: 'string_too_long' }),
      ]);
    });

    it.each([' ', '\t\n', '\u00a0'])('accepts blank %j as it is (it scores like an empty text)', (subject) => {
      expect(parseOrThrow(ticketInputSchema(limits), { ...valid, subject }).subject).toBe(subject);
    });
    it('keeps surrounding whitespace of a subject', () => {
      expect(parseOrThrow(ticketInputSchema(limits), { ...valid, subject: ' hi ' }).subject).toBe(' hi ');
    });
  });

  describe('body', () => {
    it('accepts an empty body and exactly the maximum', () => {
      expect(errorsOf(limits, { ...valid, body: '' })).toEqual([]);
      expect(errorsOf(limits, { ...valid, body: 'b'.repeat(limits.bodyMaxLength) })).toEqual([]);
    });

    it('rejects one character past the maximum', () => {
      expect(errorsOf(limits, { ...valid, body: 'b'.repeat(limits.bodyMaxLength + 1) })).toEqual([
        expect.objectContaining({ loc: ['body'], type: 'string_too_long' }),
      ]);
    });
  });

  describe('optional fields', () => {
    it('accepts null customer_id and channel, turning them into undefined', () => {
      const out = parseOrThrow(ticketInputSchema(limits), {
        ...valid,
        ticket_id: null,
        customer_id: null,
        channel: null,
      });
      expect(out).toEqual({ subject: valid.subject, body: valid.body });
      expect(out.customer_id).toBeUndefined();
      expect(out.channel).toBeUndefined();
    });

    it('keeps customer_id and channel when given', () => {
      const out = parseOrThrow(ticketInputSchema(limits), { ...valid, customer_id: 'C-9', channel: 'email' });
      expect(out).toMatchObject({ customer_id: 'C-9', channel: 'email' });
    });

    it('rejects optional fields of the wrong type', () => {
      const errors = errorsOf(limits, { ...valid, customer_id: 7, channel: ['web'] });
      expect(errors).toEqual([
        expect.objectContaining({ loc: ['customer_id'], type: 'string_type' }),
        expect.objectContaining({ loc: ['channel'], type: 'string_type' }),
      ]);
    });

    it('drops unknown fields', () => {
      const out = parseOrThrow(ticketInputSchema(limits), { ...valid, priority: 'high' });
      expect(out).not.toHaveProperty('priority');
    });
  });

  describe('missing and mistyped fields', () => {
    it.each(['subject', 'body'] as const)('missing %s → type "missing" with loc naming it', (field) => {
      const value: Record<string, unknown> = { ...valid };
      delete value[field];
      expect(errorsOf(limits, value)).toEqual([{ type: 'missing', loc: [field], msg: 'Field required', input: value }]);
    });

    it('reports every missing field at once', () => {
      const errors = errorsOf(limits, {});
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(
        expect.arrayContaining([
          { type: 'missing', loc: ['subject'], msg: 'Field required', input: {} },
          { type: 'missing', loc: ['body'], msg: 'Field required', input: {} },
        ]),
      );
    });

    it('an explicit null for a required field is a type error, not "missing"', () => {
      expect(errorsOf(limits, { ...valid, body: null })).toEqual([
        expect.objectContaining({ loc: ['body'], type: 'string_type' }),
      ]);
    });

    it.each([[null], [[]], ['ticket'], [42]])('a non-object (%j) is rejected at the root', (value) => {
      const errors = errorsOf(limits, value, ['body']);
      expect(errors).toEqual([expect.objectContaining({ loc: ['body'], type: 'model_attributes_type' })]);
    });
  });
});

describe.each([
  ['default limits', DEFAULT_LIMITS],
  ['custom smaller limits', SMALL_LIMITS],
])('ticketBatchSchema with %s', (_name, limits) => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...valid, ticket_id: `t${i}` }));

  it('accepts 1 item and exactly the maximum, keeping their order', () => {
    expect(batchErrorsOf(limits, many(1))).toEqual([]);
    const out = parseOrThrow(ticketBatchSchema(limits), many(limits.batchMaxItems));
    expect(out).toHaveLength(limits.batchMaxItems);
    expect(out.map((t) => t.ticket_id)).toEqual(many(limits.batchMaxItems).map((t) => t.ticket_id));
  });

  it('accepts an empty batch (nothing to enqueue)', () => {
    expect(parseOrThrow(ticketBatchSchema(limits), [])).toEqual([]);
  });

  it('rejects one item past the maximum', () => {
    expect(batchErrorsOf(limits, many(limits.batchMaxItems + 1), ['body'])).toEqual([
      expect.objectContaining({ loc: ['body'], type: 'too_long' }),
    ]);
  });

  it('names the index of each invalid item', () => {
    const items: unknown[] = many(3);
    items[2] = { body: 'no subject' };
    items[0] = { ...valid, ticket_id: 'bad\nid' };
    const errors = batchErrorsOf(limits, items, ['body']);
    expect(errors).toEqual([
      expect.objectContaining({ loc: ['body', 0, 'ticket_id'], type: 'value_error' }),
      { type: 'missing', loc: ['body', 2, 'subject'], msg: 'Field required', input: { body: 'no subject' } },
    ]);
  });

  it('rejects an object where an array is expected', () => {
    expect(batchErrorsOf(limits, valid, ['body'])).toEqual([
      expect.objectContaining({ loc: ['body'], type: 'list_type' }),
    ]);
  });
});

describe('limits are really taken from the argument', () => {
  it('a value valid under the defaults fails under smaller limits', () => {
    const ticket = { ticket_id: 'abcdefghi', subject: 'eleven char', body: 'x'.repeat(21) };
    expect(errorsOf(DEFAULT_LIMITS, ticket)).toEqual([]);
    const errors = errorsOf(SMALL_LIMITS, ticket);
    expect(errors.map((e) => [e.loc.join('.'), e.type])).toEqual([
      ['ticket_id', 'string_too_long'],
      ['subject', 'string_too_long'],
      ['body', 'string_too_long'],
    ]);
  });

  it('a batch of 4 is fine by default but too long with batchMaxItems 3', () => {
    const batch = Array.from({ length: 4 }, () => valid);
    expect(batchErrorsOf(DEFAULT_LIMITS, batch)).toEqual([]);
    expect(batchErrorsOf(SMALL_LIMITS, batch).map((e) => e.type)).toEqual(['too_long']);
  });
});
