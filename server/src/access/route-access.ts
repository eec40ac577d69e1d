import type { Action } from '@iq/core';
import type { Budget } from './rate-limits.js';

/** What a REST route requires. */
export interface RouteRule {
  action: Action;
  budget?: Budget;
  /** A GET that changes state: refused cross-site like a POST. */
  changesState?: boolean;
}

/**
 * Every protected REST route, in one place so the policy can be read (and tested) at a
 * glance. GraphQL checks each field instead (authScopes); `/graphql` itself only needs a key.
 * Reads not listed here — `/health`, the docs, the dashboard's files — are open; any
 * other method not listed is admin-only, so a new route is never open by accident.
 */
export const ROUTE_RULES: Record<string, RouteRule> = {
  'POST /tickets': { action: 'tickets:submit', budget: 'submit' },
  'POST /tickets/batch': { action: 'tickets:submit', budget: 'submit' },
  'GET /tickets/next': { action: 'queue:pop', budget: 'pop', changesState: true },
  'GET /tickets/peek': { action: 'queue:read' },
  'POST /tickets/:ticket_id/urgency': { action: 'queue:override' },
  'POST /tickets/claim': { action: 'queue:pop', budget: 'pop' },
  'POST /tickets/:ticket_id/ack': { action: 'queue:pop' },
  'POST /tickets/:ticket_id/release': { action: 'queue:pop' },
  'POST /tickets/:ticket_id/extend': { action: 'queue:pop' },
  'GET /tickets/claimed': { action: 'queue:read' },
  'GET /queue': { action: 'queue:read' },
  'GET /queue/size': { action: 'queue:read' },
  'GET /queue/teams': { action: 'queue:read' },
  'GET /queue/summary': { action: 'queue:read' },
  'GET /queue/tickets/:ticket_id': { action: 'queue:read' },
  'POST /queue/tickets/:ticket_id/pop': { action: 'queue:pop', budget: 'pop' },
  'DELETE /queue/tickets/:ticket_id': { action: 'queue:override' },
  'DELETE /queue': { action: 'queue:admin' },
  'GET /jobs/:job_id': { action: 'jobs:read' },
  // Failed jobs show every ticket's subject and error, and a retry re-claims an id: operators only.
  'GET /jobs/failed': { action: 'queue:admin' },
  'POST /jobs/:job_id/retry': { action: 'queue:admin' },
  'GET /activity': { action: 'queue:read' },
  'GET /webhooks/deliveries': { action: 'queue:read' },
  'POST /urgency-score': { action: 'urgency:score' },
  'GET /health/details': { action: 'health:details' },
  // Queue size, age and throughput: what queue:read shows, in Prometheus' format.
  'GET /metrics': { action: 'queue:read' },
};

export const GRAPHQL_PATH = '/graphql';

export type RouteAccess = { kind: 'open' } | { kind: 'graphql' } | { kind: 'rule'; rule: RouteRule };

/** bull-board's pages, assets and API: every job's data and the power to retry or clean them. */
export const ADMIN_PREFIX = '/admin/';

export function routeAccess(method: string, url: string | undefined): RouteAccess {
  if (url === GRAPHQL_PATH) return { kind: 'graphql' };
  if (url?.startsWith(ADMIN_PREFIX)) return { kind: 'rule', rule: { action: 'queue:admin' } };
  const verb = method === 'HEAD' ? 'GET' : method;
  const rule = url === undefined ? undefined : ROUTE_RULES[`${verb} ${url}`];
  if (rule) return { kind: 'rule', rule };
  if (verb === 'GET' || verb === 'OPTIONS') return { kind: 'open' };
  return { kind: 'rule', rule: { action: 'queue:admin' } };
}
