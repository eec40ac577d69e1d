import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, RedisUnavailableError, ValidationError } from '@iq/core';
import { conflictsRendered, domainGraphQLError } from './domain-errors.js';
import { parseInput } from './input-validation.js';

/** What graphql-js hands the mask: the resolver's error, located at its field. */
const located = (thrown: Error) => new GraphQLError(thrown.message, { path: ['queue'], originalError: thrown });

describe('domainGraphQLError', () => {
  it('renders a Redis outage as SERVICE_UNAVAILABLE (503) at the field', () => {
    const error = domainGraphQLError(located(new Error('Connection is closed.')));
    expect(error?.message).toBe(RedisUnavailableError.MESSAGE);
    expect(error?.path).toEqual(['queue']);
    expect(error?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', http: { status: 503 } });
    expect(domainGraphQLError(new RedisUnavailableError())?.extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('renders a ValidationError exactly as parseInput reports bad input', () => {
    const schema = z.object({ limit: z.number().max(10) });
    let rendered: GraphQLError | undefined;
    try {
      parseInput(schema, { limit: 11 }, []);
    } catch (error) {
      rendered = error as GraphQLError;
    }
    const fromDomain = domainGraphQLError(
      located(new ValidationError([{ type: 'less_than_equal', loc: ['limit'], msg: 'Input should be less than or equal to 10', input: 11 }])),
    );
    expect(fromDomain?.message).toBe(rendered?.message);
    expect(fromDomain?.extensions).toEqual(rendered?.extensions);
    expect(fromDomain?.path).toEqual(['queue']);
  });

  it('renders a ConflictError as CONFLICT with its reason, at the field, also when a resolver renders it itself', async () => {
    const error = domainGraphQLError(located(new ConflictError('Claim already acked', 'acked')));
    expect(error?.message).toBe('Claim already acked');
    expect(error?.path).toEqual(['queue']);
    expect(error?.extensions).toEqual({ code: 'CONFLICT', reason: 'acked' });
    const rendered = await conflictsRendered(Promise.reject(new ConflictError('Claim already acked', 'acked'))).catch((e: unknown) => e);
    expect(rendered).toBeInstanceOf(GraphQLError);
    expect((rendered as GraphQLError).extensions).toEqual({ code: 'CONFLICT', reason: 'acked' });
    const other = new TypeError('x');
    await expect(conflictsRendered(Promise.reject(other))).rejects.toBe(other);
  });

  it('leaves other errors, and GraphQL errors thrown on purpose, to the mask', () => {
    expect(domainGraphQLError(located(new TypeError('x is undefined')))).toBeUndefined();
    expect(domainGraphQLError(located(new GraphQLError('Rate limit exceeded', { extensions: { code: 'RATE_LIMITED' } })))).toBeUndefined();
  });
});
