import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ConflictError } from './errors.js';
import {
  LEASE_CONFLICTS,
  LEASE_SECONDS_DEFAULT,
  claimInputSchema,
  claimRefSchema,
  extendInputSchema,
  isLeaseConflict,
} from './lease.js';
import { toFieldErrors } from './validation.js';

const CLAIM_ID = '0b7e4c1e-5d2a-4f8e-9c61-2f0d3a9b7c45';

const errorsOf = (schema: z.ZodType, body: unknown) => {
  const result = schema.safeParse(body, { reportInput: true });
  expect(result.success).toBe(false);
  return toFieldErrors(result.error!, ['body'], body).map(({ type, loc }) => ({ type, loc }));
};

describe('claimInputSchema', () => {
  it('leases for 300 s to nobody by default', () => {
    expect(claimInputSchema.parse({})).toEqual({ lease_seconds: LEASE_SECONDS_DEFAULT, agent: null });
    expect(LEASE_SECONDS_DEFAULT).toBe(300);
  });

  it('takes a lease of 1 s to a day and an agent of up to 128 characters; a blank agent is none', () => {
    expect(claimInputSchema.parse({ lease_seconds: 1, agent: 'ana' })).toEqual({ lease_seconds: 1, agent: 'ana' });
    expect(claimInputSchema.parse({ lease_seconds: 86_400, agent: 'é'.repeat(128) }).lease_seconds).toBe(86_400);
    expect(claimInputSchema.parse({ agent: null }).agent).toBeNull();
    expect(claimInputSchema.parse({ agent: '   ' }).agent).toBeNull();
  });

  it.each<[string, unknown, string, string]>([
    ['a zero lease', { lease_seconds: 0 }, 'lease_seconds', 'greater_than_equal'],
    ['a lease over a day', { lease_seconds: 86_401 }, 'lease_seconds', 'less_than_equal'],
    ['a fractional lease', { lease_seconds: 1.5 }, 'lease_seconds', 'int_parsing'],
    ['a lease as text', { lease_seconds: '60' }, 'lease_seconds', 'int_parsing'],
    ['a null lease', { lease_seconds: null }, 'lease_seconds', 'int_parsing'],
    ['an agent of 129 characters', { agent: 'a'.repeat(129) }, 'agent', 'string_too_long'],
    ['an agent with a control character', { agent: 'ana\u0007' }, 'agent', 'value_error'],
    ['an agent that is not text', { agent: 7 }, 'agent', 'string_type'],
  ])('refuses %s, naming the field', (_name, body, field, type) => {
    expect(errorsOf(claimInputSchema, body)).toEqual([{ type, loc: ['body', field] }]);
  });
});

describe('claimRefSchema and extendInputSchema', () => {
  it('take a claim id as the API hands it out (a UUID)', () => {
    expect(claimRefSchema.parse({ claim_id: CLAIM_ID })).toEqual({ claim_id: CLAIM_ID });
    expect(claimRefSchema.parse({ claim_id: crypto.randomUUID() }).claim_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(extendInputSchema.parse({ claim_id: CLAIM_ID })).toEqual({ claim_id: CLAIM_ID, lease_seconds: 300 });
    expect(extendInputSchema.parse({ claim_id: CLAIM_ID, lease_seconds: 60 }).lease_seconds).toBe(60);
  });

  it.each<[string, unknown, string, string]>([
    ['no claim id', {}, 'claim_id', 'missing'],
    ['a claim id that is no UUID', { claim_id: 'c-1' }, 'claim_id', 'string_pattern_mismatch'],
    ['a numeric claim id', { claim_id: 1 }, 'claim_id', 'string_type'],
  ])('refuse %s', (_name, body, field, type) => {
    expect(errorsOf(claimRefSchema, body)).toEqual([{ type, loc: ['body', field] }]);
    expect(errorsOf(extendInputSchema, body)).toEqual([{ type, loc: ['body', field] }]);
  });

  it('bound an extension like a claim', () => {
    expect(errorsOf(extendInputSchema, { claim_id: CLAIM_ID, lease_seconds: 0 })).toEqual([{ type: 'greater_than_equal', loc: ['body', 'lease_seconds'] }]);
  });
});

describe('LEASE_CONFLICTS', () => {
  it('says which of wrong, expired, acked or released, each in its own words', () => {
    expect(Object.keys(LEASE_CONFLICTS).sort()).toEqual(['acked', 'expired', 'released', 'wrong']);
    expect(new Set(Object.values(LEASE_CONFLICTS)).size).toBe(4);
    for (const reason of Object.keys(LEASE_CONFLICTS)) expect(isLeaseConflict(reason)).toBe(true);
    for (const other of ['ok', 'held', 'toString', '', null]) expect(isLeaseConflict(other)).toBe(false);
  });

  it('travels as a ConflictError with its detail and reason', () => {
    const error = new ConflictError(LEASE_CONFLICTS.expired, 'expired');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ConflictError', message: LEASE_CONFLICTS.expired, detail: LEASE_CONFLICTS.expired, reason: 'expired' });
  });
});
