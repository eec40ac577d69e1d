import { GraphQLError } from 'graphql';
import type { Budget } from '../access/rate-limits.js';
import type { RequestAccess } from '../access/request-access.js';

/** Spends one request of `budget`, or refuses the field with RATE_LIMITED (429 on a single operation). */
export async function spend(access: RequestAccess, budget: Budget): Promise<void> {
  const spent = await access.take(budget);
  if (spent.ok) return;
  throw new GraphQLError(`Rate limit exceeded: ${spent.limit} requests per window; retry in ${spent.retryAfterSeconds} s`, {
    extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': String(spent.retryAfterSeconds) } } },
  });
}
