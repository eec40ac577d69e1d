import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';

/** What a request spends: submissions and pops are limited separately. */
export type Budget = 'submit' | 'pop';

export type BudgetCheck = { ok: true } | { ok: false; retryAfterSeconds: number; limit: number };

export interface RateLimits {
  /** Counts one request of `client` against `budget`; counters live in Redis, shared by every API instance. */
  take(budget: Budget, client: string): Promise<BudgetCheck>;
}

/**
 * @fastify/rate-limit's Redis store, used through `createRateLimit` so the REST routes and
 * the GraphQL resolvers (HTTP, SSE and WebSocket alike) spend the same budgets.
 */
export async function createRateLimits(app: FastifyInstance, services: Services): Promise<RateLimits> {
  const { config, redis, keys } = services;
  // global: false — only the budgets below count; skipOnError — a Redis outage already fails the request itself.
  await app.register(rateLimit, { global: false, redis, nameSpace: keys.rateLimit, skipOnError: true });
  const limiters = new Map<Budget, ReturnType<FastifyInstance['createRateLimit']>>();
  for (const [budget, max] of [
    ['submit', config.RATE_LIMIT_SUBMIT],
    ['pop', config.RATE_LIMIT_POP],
  ] as const) {
    if (max === 0) continue;
    limiters.set(
      budget,
      app.createRateLimit({
        max,
        timeWindow: config.RATE_LIMIT_WINDOW_MS,
        keyGenerator: (req) => (req as unknown as LimitRequest).rateKey,
      }),
    );
  }
  return {
    async take(budget, client) {
      const limiter = limiters.get(budget);
      if (!limiter) return { ok: true };
      const request: LimitRequest = { rateKey: `${budget}:${client}`, routeOptions: { config: {} } };
      const result = await limiter(request as unknown as FastifyRequest);
      if (result.isAllowed || !result.isExceeded) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, result.ttlInSeconds), limit: result.max };
    },
  };
}

/** The part of a request the limiter reads; WebSocket operations have no Fastify request. */
interface LimitRequest {
  rateKey: string;
  routeOptions: { config: Record<string, never> };
}
