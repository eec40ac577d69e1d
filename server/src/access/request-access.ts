import type { Principal } from '@iq/core';
import type { Budget, BudgetCheck, RateLimits } from './rate-limits.js';

/** Who is calling and what they may still spend: the same for REST, GraphQL HTTP/SSE and WebSocket. */
export interface RequestAccess {
  principal: Principal;
  /** Whom rate limits count: the key's fingerprint, or the address when the API runs without keys. */
  client: string;
  take(budget: Budget): Promise<BudgetCheck>;
}

export function requestAccess(principal: Principal, address: string | undefined, limits: RateLimits): RequestAccess {
  const client = principal.id === 'anonymous' ? `ip:${address ?? 'unknown'}` : principal.id;
  return { principal, client, take: (budget) => limits.take(budget, client) };
}
