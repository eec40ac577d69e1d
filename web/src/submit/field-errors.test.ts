import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from './field-errors';

describe('fieldErrorsOf', () => {
  it('maps input.x to the first ticket and input[i].x to ticket i; the rest is general', () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: 'bad',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { field: 'input.subject', message: 'too short', type: 'string_too_short' },
              { field: 'input[2].ticketId', message: 'bad pattern', type: 'string_pattern_mismatch' },
              { field: 'input[2].ticketId', message: 'too long', type: 'string_too_long' },
              { field: 'input', message: 'at most 1000 tickets', type: 'too_big' },
            ],
          },
        },
        { message: 'something else broke' },
      ],
    });
    const { fields, general } = fieldErrorsOf(error);
    expect(fields.get(0)).toEqual({ subject: 'too short' });
    expect(fields.get(2)).toEqual({ ticketId: 'bad pattern; too long' });
    expect(fields.has(1)).toBe(false);
    expect(general).toEqual(['input: at most 1000 tickets', 'something else broke']);
  });

  it('reports a network error as general', () => {
    const { fields, general } = fieldErrorsOf(new CombinedError({ networkError: new Error('Failed to fetch') }));
    expect(fields.size).toBe(0);
    expect(general[0]).toContain('Failed to fetch');
  });

  it('turns FORBIDDEN into the plain role message', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'Your key may not use submitBatch', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(fieldErrorsOf(error).general).toEqual(["This key's role may not do that"]);
  });
});
