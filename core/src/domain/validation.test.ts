import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { parseOrThrow, toFieldErrors } from './validation.js';

const schema = z.object({
  name: z.string().min(2).max(4),
  tags: z.array(z.string()).min(1).max(2),
  age: z.number().int().min(0).max(150),
  code: z.string().regex(/^[a-z]+$/),
  nick: z.string().refine((s) => s !== 'root', 'reserved'),
});

const ok = { name: 'abc', tags: ['x'], age: 30, code: 'abc', nick: 'bob' };

function caught(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('parseOrThrow', () => {
  it('returns the parsed value on success', () => {
    expect(parseOrThrow(schema, ok)).toEqual(ok);
    expect(parseOrThrow(z.string().transform((s) => s.length), 'four')).toBe(4);
  });

  it('throws a ValidationError (an Error named ValidationError) on failure', () => {
    const error = caught(() => parseOrThrow(schema, { ...ok, name: 'a' }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.errors).toHaveLength(1);
  });

  it('prefixes every loc with the given prefix', () => {
    const error = caught(() => parseOrThrow(schema, { ...ok, name: 'a', tags: [] }, ['body', 2]));
    expect(error.errors.map((e) => e.loc)).toEqual([
      ['body', 2, 'name'],
      ['body', 2, 'tags'],
    ]);
  });

  it('uses an empty prefix by default', () => {
    const error = caught(() => parseOrThrow(schema, { ...ok, age: -1 }));
    expect(error.errors[0]!.loc).toEqual(['age']);
  });

  it('names every bad field in its message, joined with dots', () => {
    const error = caught(() => parseOrThrow(schema, { ...ok, name: 'a', code: 'ABC' }, ['query']));
    expect(error.message).toContain('query.name:');
    expect(error.message).toContain('query.code:');
  });

  it('uses numeric indices for array items', () => {
    const error = caught(() => parseOrThrow(z.array(schema), [ok, ok, { ...ok, nick: 'root' }], ['body']));
    expect(error.errors).toEqual([{ type: 'value_error', loc: ['body', 2, 'nick'], msg: 'reserved', input: 'root' }]);
  });
});

describe('toFieldErrors: FastAPI-style types', () => {
  const typesOf = (value: unknown) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    return toFieldErrors(result.error!).map((e) => [e.loc.join('.'), e.type]);
  };

  it.each<[string, unknown, string, string]>([
    ['missing field', { ...ok, name: undefined }, 'name', 'missing'],
    ['wrong type (string)', { ...ok, name: 5 }, 'name', 'string_type'],
    ['wrong type (number)', { ...ok, age: 'old' }, 'age', 'int_parsing'],
    ['string too short', { ...ok, name: 'a' }, 'name', 'string_too_short'],
    ['string too long', { ...ok, name: 'abcde' }, 'name', 'string_too_long'],
    ['array too short', { ...ok, tags: [] }, 'tags', 'too_short'],
    ['array too long', { ...ok, tags: ['a', 'b', 'c'] }, 'tags', 'too_long'],
    ['number too small', { ...ok, age: -1 }, 'age', 'greater_than_equal'],
    ['number too big', { ...ok, age: 151 }, 'age', 'less_than_equal'],
    ['pattern mismatch', { ...ok, code: 'A1' }, 'code', 'string_pattern_mismatch'],
    ['custom refinement', { ...ok, nick: 'root' }, 'nick', 'value_error'],
  ])('%s', (_case, value, loc, type) => {
    expect(typesOf(value)).toEqual([[loc, type]]);
  });

  it('tells a missing field from a wrong type with and without reportInput', () => {
    const value = { ...ok, name: undefined, age: 'old', code: null };
    const expected = [
      expect.objectContaining({ loc: ['name'], msg: 'Field required', type: 'missing' }),
      expect.objectContaining({ loc: ['age'], type: 'int_parsing' }),
      expect.objectContaining({ loc: ['code'], type: 'string_type' }),
    ];
    expect(toFieldErrors(schema.safeParse(value).error!)).toEqual(expected);
    expect(toFieldErrors(schema.safeParse(value, { reportInput: true }).error!)).toEqual(expected);
  });

  it('never says "Field required" for a value that is present', () => {
    const result = schema.safeParse({ ...ok, name: 5 });
    expect(toFieldErrors(result.error!)[0]!.msg).not.toBe('Field required');
  });

  it('reports the rejected value as `input`, as FastAPI does', () => {
    const value = { ...ok, name: 'too-long-value', age: 'old' };
    const errors = toFieldErrors(schema.safeParse(value, { reportInput: true }).error!, [], value);
    expect(errors).toEqual([
      { type: 'string_too_long', loc: ['name'], msg: 'String should have at most 4 characters', input: 'too-long-value' },
      { type: 'int_parsing', loc: ['age'], msg: 'Input should be a valid integer', input: 'old' },
    ]);
  });

  it('says "Field required" for a missing field, with the object it is missing from as `input`', () => {
    const value = { ...ok, code: undefined };
    const result = schema.safeParse(value, { reportInput: true });
    expect(toFieldErrors(result.error!, ['body'], value)).toEqual([{ type: 'missing', loc: ['body', 'code'], msg: 'Field required', input: value }]);
    // Without the parsed value there is nothing to point at: null, as FastAPI says for a missing body.
    expect(toFieldErrors(schema.safeParse(value).error!)).toEqual([{ type: 'missing', loc: ['code'], msg: 'Field required', input: null }]);
  });

  it('uses pydantic\'s wording for lengths and types', () => {
    const msgs = (value: unknown) => toFieldErrors(schema.safeParse(value, { reportInput: true }).error!).map((e) => e.msg);
    expect(msgs({ ...ok, name: 'a' })).toEqual(['String should have at least 2 characters']);
    expect(msgs({ ...ok, tags: ['a', 'b', 'c'] })).toEqual(['List should have at most 2 items']);
    expect(msgs({ ...ok, name: 5 })).toEqual(['Input should be a valid string']);
    expect(msgs({ ...ok, age: 151 })).toEqual(['Input should be less than or equal to 150']);
    expect(msgs([])).toEqual(['Input should be a valid dictionary or object to extract fields from']);
  });
});
