import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ticketBatchSchema } from '@iq/core';
import { fieldPath, parseInput } from './input-validation.js';

const limits = { ticketIdMaxLength: 128, subjectMaxLength: 500, bodyMaxLength: 20_000, batchMaxItems: 3 };

describe('fieldPath', () => {
  it.each([
    [['input', 'subject'], 'input.subject'],
    [['input', 2, 'ticket_id'], 'input[2].ticketId'],
    [['customer_id'], 'customerId'],
    [['limit'], 'limit'],
    [[], ''],
  ])('%j → %s', (loc, path) => expect(fieldPath(loc as (string | number)[])).toBe(path));
});

describe('parseInput', () => {
  it('returns parsed data when valid', () => {
    expect(parseInput(z.object({ limit: z.number().min(1) }), { limit: 3 }, [])).toEqual({ limit: 3 });
  });

  it('throws BAD_USER_INPUT naming every bad field with GraphQL names', () => {
    const batch = [
      { subject: 'ok', body: 'b' },
      { subject: 's'.repeat(501), body: 'b', ticket_id: 'has\ttab' },
    ];
    let error: unknown;
    try {
      parseInput(ticketBatchSchema(limits), batch, ['input']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    const gqlError = error as GraphQLError;
    expect(gqlError.extensions.code).toBe('BAD_USER_INPUT');
    expect(gqlError.message).toContain('input[1].subject');
    expect(gqlError.message).toContain('input[1].ticketId');
    expect(gqlError.extensions.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'input[1].subject', type: 'string_too_long' }),
        expect.objectContaining({ field: 'input[1].ticketId', type: 'value_error' }),
      ]),
    );
  });

  it('tells a missing field from a wrong type', () => {
    const schema = z.object({ text: z.string() });
    const fields = (value: unknown) => {
      try {
        parseInput(schema, value, []);
      } catch (e) {
        return (e as GraphQLError).extensions.fields;
      }
      throw new Error('expected a failure');
    };
    expect(fields({})).toEqual([expect.objectContaining({ field: 'text', type: 'missing' })]);
    expect(fields({ text: 5 })).toEqual([expect.objectContaining({ field: 'text', type: 'string_type' })]);
  });
});
