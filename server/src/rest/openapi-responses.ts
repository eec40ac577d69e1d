import { z } from 'zod';
import { CATEGORIES, LEASE_CONFLICTS, RedisUnavailableError } from '@iq/core';
import { ROUTE_RULES } from '../access/route-access.js';
import { claimExample, deliveryExample, failedJobExample, ticketExample } from './openapi-examples.js';

/*
 * What every REST route answers, for /openapi.json: the success with its schema and a
 * realistic example, and every error status it can give. Documentation only (responses
 * are not validated at run time, which would cost every request); a test sends real
 * requests for each status and checks the answer is declared and matches its schema.
 */

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
const isoTime = z.string().meta({ format: 'date-time' });

const ticket = z.object({
  ticket_id: z.string(),
  job_id: z.string(),
  subject: z.string(),
  body: z.string(),
  customer_id: nullable(z.string()),
  channel: nullable(z.string()),
  category: z.enum(CATEGORIES),
  team: z.string().meta({ description: 'The team queue it waits in' }),
  urgency_score: z.number().min(0).max(1),
  is_urgent: z.boolean(),
  priority_score: z.number().int().min(0).max(10),
  model: z.string(),
  urgency_explanation: z.string(),
  urgency_override: nullable(z.object({ previous_score: z.number(), reason: nullable(z.string()), overridden_at: isoTime })),
  created_at: isoTime,
  processed_at: isoTime,
});
const claim = ticket.extend({ claim_id: z.string(), agent: nullable(z.string()), claimed_at: isoTime, lease_expires_at: isoTime });
const accepted = z.object({ ticket_id: z.string(), job_id: z.string(), message: z.literal('Accepted for processing'), duplicate: z.boolean() });
const detail = z.object({ detail: z.string() });
const fieldErrors = z.object({
  detail: z.array(
    z.object({
      type: z.string(),
      loc: z.array(z.union([z.string(), z.number()])),
      msg: z.string(),
      input: z.unknown(),
      // Malformed JSON (`json_invalid`) says what the parser found, as FastAPI does.
      ctx: z.object({ error: z.string() }).optional(),
    }),
  ),
});
const delivery = z.object({
  delivery_id: z.string(),
  ticket_id: z.string(),
  job_id: z.string(),
  kind: z.string(),
  url_host: z.string(),
  status: z.enum(['pending', 'sending', 'retrying', 'delivered', 'failed']),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  response_code: nullable(z.number().int()),
  last_error: nullable(z.string()),
  created_at: isoTime,
  updated_at: isoTime,
});
const failedJob = z.object({
  job_id: z.string(),
  ticket_id: z.string(),
  subject: nullable(z.string()),
  error: z.string(),
  attempts_made: z.number().int(),
  failed_at: nullable(isoTime),
  retryable: z.boolean(),
});
const jobState = z.object({ job_id: z.string(), ticket_id: z.string(), state: z.enum(['waiting', 'active', 'completed', 'failed']) });
const healthDetails = z.object({
  status: z.enum(['ok', 'degraded']),
  redis: z.enum(['ok', 'unreachable']),
  model: z.string(),
  scorer: z.object({ kind: z.enum(['model', 'lexicon', 'transformer']), model: z.string(), reason: z.string() }),
  workers: z.object({
    live: z.number().int(),
    last_heartbeat: nullable(isoTime),
    models: z.array(z.string()),
    teams: z.array(z.object({ team: z.string(), live: z.number().int() })),
    unserved: z.array(z.string()),
  }),
  thresholds: z.object({ urgent: z.number(), webhook: nullable(z.number()) }),
});

interface Documented {
  description: string;
  schema: z.ZodType;
  example: unknown;
}
type Responses = Record<number, Documented>;

const ACCEPTED_EXAMPLE = { ticket_id: 'T-1001', job_id: 'T-1001~1', message: 'Accepted for processing', duplicate: false };
const noTickets: Documented = { description: 'The queue is empty', schema: detail, example: { detail: 'No tickets in queue' } };
const notQueued: Documented = {
  description: 'The ticket is not in the queue (popped, claimed or never processed)',
  schema: detail,
  example: { detail: 'Ticket not in queue' },
};
const conflict: Documented = {
  description: 'The claim id does not hold this ticket (never did, or not any more); `detail` says why',
  schema: detail,
  example: { detail: Object.values(LEASE_CONFLICTS)[0] },
};

/** Each route's own answers; the errors every route shares are added by `documentResponses`. */
export const ROUTE_RESPONSES: Record<string, Responses> = {
  'POST /tickets': { 202: { description: 'Accepted: a job will triage it', schema: accepted, example: ACCEPTED_EXAMPLE } },
  'POST /tickets/batch': {
    202: {
      description: 'Every ticket accepted, in request order (duplicates marked)',
      schema: z.object({ accepted: z.array(accepted) }),
      example: { accepted: [ACCEPTED_EXAMPLE, { ticket_id: 'FE 5', job_id: 'FE~205~2', message: 'Accepted for processing', duplicate: false }] },
    },
  },
  'GET /tickets/next': {
    200: { description: 'The most urgent ticket, now removed from the queue', schema: ticket, example: ticketExample },
    404: noTickets,
    405: { description: 'HEAD (which would pop a ticket and lose it)', schema: detail, example: { detail: 'Method Not Allowed' } },
  },
  'GET /tickets/peek': { 200: { description: 'The most urgent ticket, left in the queue', schema: ticket, example: ticketExample }, 404: noTickets },
  'POST /tickets/:ticket_id/urgency': {
    200: {
      description: 'The queued ticket with S corrected and re-ranked',
      schema: ticket,
      example: { ...ticketExample, urgency_score: 0.2, is_urgent: false, priority_score: 2, urgency_override: { previous_score: 0.9312, reason: 'duplicate of T-998', overridden_at: '2026-12-02T10:35:00.000Z' } },
    },
    404: notQueued,
  },
  'POST /tickets/claim': { 200: { description: 'The most urgent ticket, now held under a lease', schema: claim, example: claimExample }, 404: noTickets },
  'POST /tickets/:ticket_id/ack': { 200: { description: 'The claim, ended for good', schema: claim, example: claimExample }, 409: conflict },
  'POST /tickets/:ticket_id/release': { 200: { description: 'The claim; the ticket is back at its place in the queue', schema: claim, example: claimExample }, 409: conflict },
  'POST /tickets/:ticket_id/extend': { 200: { description: 'The claim with its new lease end', schema: claim, example: claimExample }, 409: conflict },
  'GET /tickets/claimed': { 200: { description: 'Claimed tickets, soonest lease end first (total in X-Total-Count)', schema: z.array(claim), example: [claimExample] } },
  'GET /queue/size': { 200: { description: 'Processed tickets waiting to be popped', schema: z.object({ size: z.number().int() }), example: { size: 12 } } },
  'GET /queue/teams': {
    200: {
      description: 'Each team queue and the total: tickets waiting to be popped, triage jobs waiting, active and failed',
      schema: z.object({
        teams: z.array(z.object({ team: z.string(), size: z.number().int(), waiting: z.number().int(), active: z.number().int(), failed: z.number().int() })),
        size: z.number().int(),
        waiting: z.number().int(),
        active: z.number().int(),
        failed: z.number().int(),
      }),
      example: { teams: [{ team: 'billing', size: 3, waiting: 0, active: 1, failed: 0 }], size: 3, waiting: 0, active: 1, failed: 0 },
    },
  },
  'GET /queue': {
    200: { description: 'Processed tickets in the asked order (matching in X-Total-Count, the whole queue in X-Queue-Size)', schema: z.array(ticket), example: [ticketExample] },
  },
  'GET /queue/summary': {
    200: {
      description: 'Queued tickets counted by S',
      schema: z.object({ size: z.number().int(), bins: z.array(z.number().int()).length(10), urgent: z.number().int(), high: nullable(z.number().int()) }),
      example: { size: 12, bins: [0, 1, 2, 1, 0, 3, 1, 2, 1, 1], urgent: 8, high: 2 },
    },
  },
  'GET /queue/tickets/:ticket_id': {
    200: { description: 'The queued ticket and its place in line (1 is next)', schema: ticket.extend({ position: z.number().int().min(1), team_position: z.number().int().min(1) }), example: { ...ticketExample, position: 3, team_position: 2 } },
    404: notQueued,
  },
  'POST /queue/tickets/:ticket_id/pop': { 200: { description: 'The ticket, now removed from the queue and handed to you', schema: ticket, example: ticketExample }, 404: notQueued },
  'DELETE /queue/tickets/:ticket_id': { 200: { description: 'The removed ticket', schema: ticket, example: ticketExample }, 404: notQueued },
  'DELETE /queue': {
    200: { description: 'The processed queue emptied', schema: z.object({ status: z.literal('queue cleared'), cleared: z.number().int() }), example: { status: 'queue cleared', cleared: 3 } },
  },
  'GET /jobs/:job_id': {
    200: {
      description: "The job's state",
      schema: jobState,
      example: { job_id: 'T-1001~1', ticket_id: 'T-1001', state: 'completed' },
    },
    404: { description: 'No such job (never existed, or past its retention)', schema: detail, example: { detail: 'Job not found' } },
  },
  'GET /jobs/failed': {
    200: { description: 'Failed jobs, newest first (total in X-Total-Count)', schema: z.array(failedJob), example: [failedJobExample] },
  },
  'POST /jobs/:job_id/retry': {
    202: {
      description: 'Its ticket id is claimed again and the job is waiting: a worker will process it',
      schema: jobState,
      example: { job_id: 'T-1001~1', ticket_id: 'T-1001', state: 'waiting' },
    },
    404: {
      description: 'No such job (never existed, or past its retention), or it did not fail',
      schema: detail,
      example: { detail: 'No job T-1001~1 (it never existed, or its retention expired)' },
    },
    409: {
      description: 'It cannot be retried: a newer submission holds its ticket id, a retry of it is under way, or its content is no longer kept',
      schema: detail,
      example: { detail: 'Ticket T-1001 was submitted again since job T-1001~1 failed, and the newer submission holds its id: not retried' },
    },
  },
  'GET /activity': {
    200: {
      description: 'Recent events, oldest first',
      schema: z.object({ events: z.array(z.object({ ts: z.number(), type: z.string(), data: z.record(z.string(), z.unknown()), id: z.string() })) }),
      example: { events: [{ ts: 1764671405.123, type: 'ticket_accepted', data: { ticket_id: 'T-1001', job_id: 'T-1001~1' }, id: '1764671405123-0' }] },
    },
  },
  'GET /webhooks/deliveries': {
    200: {
      description: 'The last deliveries, newest first',
      schema: z.object({ deliveries: z.array(delivery) }),
      example: { deliveries: [deliveryExample] },
    },
  },
  'POST /urgency-score': {
    200: {
      description: "The text's S, with what made it",
      schema: z.object({ urgency_score: z.number().min(0).max(1), is_urgent: z.boolean(), model: z.string(), urgency_explanation: z.string() }),
      example: { urgency_score: 0.87, is_urgent: true, model: 'urgency-v1 (tone: vader-lexicon)', urgency_explanation: 'asap +2.1 · broken +0.4 · tone 0.62 +0.7' },
    },
  },
  'GET /health': {
    200: { description: 'Redis answers', schema: z.object({ status: z.literal('ok') }), example: { status: 'ok' } },
    503: { description: 'Redis does not answer', schema: z.object({ status: z.literal('unavailable') }), example: { status: 'unavailable' } },
  },
  'GET /health/details': {
    200: {
      description: 'Redis, scorer and workers',
      schema: healthDetails,
      example: {
        status: 'ok',
        redis: 'ok',
        model: 'urgency-v1 (tone: vader-lexicon)',
        scorer: { kind: 'model', model: 'urgency-v1 (tone: vader-lexicon)', reason: 'URGENCY_SCORER=auto; tone weights fitted on vader-lexicon' },
        workers: {
          live: 1,
          last_heartbeat: '2026-12-02T10:30:05.000Z',
          models: ['urgency-v1 (tone: vader-lexicon)'],
          teams: [
            { team: 'billing', live: 1 },
            { team: 'legal', live: 0 },
          ],
          unserved: ['legal'],
        },
        thresholds: { urgent: 0.5, webhook: 0.8 },
      },
    },
    503: {
      description: 'Redis does not answer (the report says so)',
      schema: healthDetails,
      example: {
        status: 'degraded',
        redis: 'unreachable',
        model: 'vader-lexicon',
        scorer: { kind: 'lexicon', model: 'vader-lexicon', reason: 'URGENCY_SCORER=lexicon' },
        workers: { live: 0, last_heartbeat: null, models: [], teams: [{ team: 'billing', live: 0 }], unserved: ['billing'] },
        thresholds: { urgent: 0.5, webhook: null },
      },
    },
  },
};

const COMMON = {
  invalid: {
    description: 'Invalid input: each problem names its field (`loc`), as FastAPI reports it; malformed JSON is `json_invalid`',
    schema: fieldErrors,
    example: { detail: [{ type: 'missing', loc: ['body', 'subject'], msg: 'Field required', input: { body: 'The app crashes' } }] },
  },
  tooLarge: { description: 'The body is over the limit for this route', schema: detail, example: { detail: 'Request body is too large' } },
  mediaType: {
    description: 'The body cannot be read as UTF-8 JSON: a charset other than UTF-8, or a Content-Encoding other than gzip, deflate or br',
    schema: detail,
    example: { detail: 'Unsupported charset: latin1; send JSON as UTF-8' },
  },
  outage: { description: 'Redis is unreachable: nothing was done, retry later', schema: detail, example: { detail: RedisUnavailableError.MESSAGE } },
  noKey: { description: 'With API keys: no key, or an unknown one', schema: detail, example: { detail: 'An API key is required: send Authorization: Bearer <key>' } },
  forbidden: {
    description: "With API keys: the key's role may not do this",
    schema: detail,
    example: { detail: "This API key's role (submit) may not do this; it needs agent or admin" },
  },
  rateLimited: { description: 'Over the rate budget (Retry-After says when to come back)', schema: detail, example: { detail: 'Rate limit exceeded: 60 requests per window; retry in 12 s' } },
} satisfies Record<string, Documented>;

interface Operation {
  requestBody?: unknown;
  parameters?: unknown[];
  responses?: Record<string, unknown>;
}

/** Every status a route answers with: its own, then those that follow from its input and its access rule. */
export function responsesOf(route: string, operation: Operation): Responses {
  const own = ROUTE_RESPONSES[route];
  if (!own) throw new Error(`No documented responses for ${route} (add it to ROUTE_RESPONSES)`);
  const responses: Responses = {};
  const rule = ROUTE_RULES[route];
  if (operation.requestBody) Object.assign(responses, { 413: COMMON.tooLarge, 415: COMMON.mediaType, 422: COMMON.invalid });
  if ((operation.parameters?.length ?? 0) > 0) responses[422] = COMMON.invalid;
  if (rule) {
    Object.assign(responses, { 401: COMMON.noKey, 403: COMMON.forbidden });
    if (rule.budget) responses[429] = COMMON.rateLimited;
  }
  if (!route.startsWith('GET /health')) responses[503] = COMMON.outage;
  return { ...responses, ...own };
}

/** The OpenAPI response objects of `responsesOf`. */
function openApiResponses(responses: Responses): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, { description, schema, example }]) => [
      status,
      { description, content: { 'application/json': { schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }), example } } },
    ]),
  );
}

/**
 * @fastify/swagger's `transformObject`: replaces each operation's responses (which it
 * would show as "200 Default Response") with the documented ones, and says in the API's
 * description what every path answers to a method it does not have.
 */
export function documentResponses<D extends object>(openapi: D): D {
  const document = openapi as { paths?: Record<string, Record<string, Operation>>; info?: { description?: string } };
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      operation.responses = openApiResponses(responsesOf(route, operation));
    }
  }
  if (document.info) {
    // A copy: @fastify/swagger hands every build the same info object.
    document.info = {
      ...document.info,
      description:
        `${document.info.description ?? ''}\n\nErrors are FastAPI's \`{"detail": ...}\`. A method a path does not have is ` +
        '405 `{"detail": "Method Not Allowed"}` with an `Allow` header; an unknown path is 404 `{"detail": "Not Found"}`.',
    };
  }
  return openapi;
}
