import { describe, expect, it } from 'vitest';
import { RedisUnavailableError } from '../domain/errors.js';
import { isRedisOutage, toDomainError } from './outage.js';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

// What ioredis 6 throws from a command while Redis is away, depending on the connection's state.
const OUTAGES: [string, Error][] = [
  ['retries exhausted', named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.')],
  ['closed connection', new Error('Connection is closed.')],
  ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' })],
  ['dead socket', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
  ['offline queue off', new Error('enableOfflineQueue options is false')],
];

const OTHERS: [string, unknown][] = [
  ['a script error', new Error('ERR Error running script: user_script:1: bad argument')],
  ['a type error', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ['a refusal only in the cause (a webhook fetch)', new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:443') })],
  ['a string', 'Connection is closed.'],
  ['undefined', undefined],
];

describe('isRedisOutage', () => {
  it.each(OUTAGES)('%s is an outage', (_label, error) => expect(isRedisOutage(error)).toBe(true));
  it.each(OTHERS)('%s is not', (_label, error) => expect(isRedisOutage(error)).toBe(false));
  it('counts the domain error itself', () => expect(isRedisOutage(new RedisUnavailableError())).toBe(true));
});

describe('toDomainError', () => {
  it.each(OUTAGES)('%s becomes RedisUnavailableError, keeping the original as its cause', (_label, error) => {
    const mapped = toDomainError(error);
    expect(mapped).toBeInstanceOf(RedisUnavailableError);
    expect((mapped as RedisUnavailableError).message).toBe(RedisUnavailableError.MESSAGE);
    expect((mapped as RedisUnavailableError).cause).toBe(error);
  });

  it.each(OTHERS)('%s is returned unchanged', (_label, error) => expect(toDomainError(error)).toBe(error));

  it('returns a RedisUnavailableError as it is, not wrapped again', () => {
    const error = new RedisUnavailableError({ cause: new Error('Connection is closed.') });
    expect(toDomainError(error)).toBe(error);
  });
});
