import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AGENT_MAX_LENGTH,
  LEASE_CONFLICTS,
  LEASE_SECONDS_DEFAULT,
  LEASE_SECONDS_MAX,
  claimInputSchema,
  claimRefSchema,
  parseTeamList,
  extendInputSchema,
} from '@iq/core';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';
import { CLAIM_ID, claimExample, examples } from './openapi-examples.js';

const NO_TICKETS = 'No tickets in queue';

const conflicts =
  'A claim id that does not hold the ticket is 409 with a `detail` saying why: ' +
  Object.values(LEASE_CONFLICTS)
    .map((detail) => `\`"${detail}"\``)
    .join(', ') +
  '. URL-encode the ticket id.';

/**
 * Leased claims: take the most urgent ticket for a while (`/tickets/claim`), then ack,
 * release or extend it; the list of claimed tickets. `GET /tickets/next` stays as it was.
 */
export const claimRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { config, tickets, views, teams } = services;
    const ticketParams = z.object({ ticket_id: z.string().min(1) });
    const listQuery = z.object({
      limit: z.coerce.number().int().min(1).max(config.QUEUE_LIST_MAX).default(config.QUEUE_LIST_MAX),
      offset: z.coerce.number().int().min(0).default(0),
    });

    app.post(
      '/tickets/claim',
      {
        schema: {
          tags: ['claims'],
          summary: 'Claim the most urgent ticket under a lease',
          description:
            'Moves the most urgent ticket from the queue to the claimed tickets, atomically, for `lease_seconds` ' +
            `(1–${LEASE_SECONDS_MAX}, default ${LEASE_SECONDS_DEFAULT}); \`agent\` (optional, up to ${AGENT_MAX_LENGTH} ` +
            'characters) names who holds it. Answers the ticket plus `claim_id`, `agent`, `claimed_at` and ' +
            '`lease_expires_at`. Ack it when done, release it to put it back at its place, or extend the lease; a lease ' +
            'that runs out puts the ticket back at its place (`claim_expired`). The ticket id stays taken until the ack. ' +
            `The body may be omitted. \`?teams=billing,technical\` claims the most urgent among those teams' heads ` +
            `(as \`GET /tickets/next?teams=\`); without it, of every team. 404 \`{"detail": "${NO_TICKETS}"}\` when the queue is empty.\n\n` +
            examples({ 'POST /tickets/claim {"lease_seconds": 300, "agent": "ana"}': claimExample }),
          body: z.preprocess((body) => body ?? {}, claimInputSchema.meta({ example: { lease_seconds: 300, agent: 'ana' } })),
          querystring: z.object({ teams: z.string().max(2_000).optional() }),
        },
      },
      async (request) => {
        const claim = await tickets.claimNext(request.body, parseTeamList(request.query.teams, teams.names, ['query', 'teams']));
        if (!claim) throw new HttpError(404, NO_TICKETS);
        return claim;
      },
    );

    app.get(
      '/tickets/claimed',
      {
        schema: {
          tags: ['claims'],
          summary: 'The claimed tickets, soonest lease end first',
          description:
            'A JSON array of the claimed tickets with their leases (`claim_id`, `agent`, `claimed_at`, `lease_expires_at`), ' +
            `soonest lease end first, up to ${config.QUEUE_LIST_MAX} (\`limit\` and \`offset\` page); \`X-Total-Count\` holds ` +
            'how many are claimed. A lease past its end is listed until the reaper puts its ticket back.\n\n' +
            examples({ 'GET /tickets/claimed': [claimExample] }),
          querystring: listQuery,
        },
      },
      async (request, reply) => {
        const { size, claims } = await views.leases(request.query.offset, request.query.limit);
        return reply.header('x-total-count', String(size)).send(claims);
      },
    );

    const settle = (what: 'ack' | 'release', summary: string, description: string) =>
      app.post(
        `/tickets/:ticket_id/${what}`,
        {
          schema: {
            tags: ['claims'],
            summary,
            description: `${description} ${conflicts}\n\n${examples({ [`POST /tickets/T-1001/${what} {"claim_id": "${CLAIM_ID}"}`]: claimExample })}`,
            params: ticketParams,
            body: claimRefSchema.meta({ example: { claim_id: CLAIM_ID } }),
          },
        },
        async (request) =>
          what === 'ack'
            ? tickets.ack(request.params.ticket_id, request.body.claim_id)
            : tickets.release(request.params.ticket_id, request.body.claim_id),
      );

    settle(
      'ack',
      'Ack a claimed ticket: done with it',
      'Ends the claim: the ticket is removed for good and its id is free again (as after `GET /tickets/next`). ' +
        'Answers the ticket with the lease it was held under.',
    );
    settle(
      'release',
      'Release a claimed ticket: back to the queue at its place',
      'Ends the claim: the ticket goes back to the queue at exactly its place (same S, same arrival order). ' +
        'Answers the ticket with the lease it was held under.',
    );

    app.post(
      '/tickets/:ticket_id/extend',
      {
        schema: {
          tags: ['claims'],
          summary: "Extend a claim's lease",
          description:
            `The lease now ends \`lease_seconds\` (1–${LEASE_SECONDS_MAX}, default ${LEASE_SECONDS_DEFAULT}) from now. ` +
            `Answers the ticket with the extended lease. A lease that has run out cannot be extended. ${conflicts}\n\n` +
            examples({ [`POST /tickets/T-1001/extend {"claim_id": "${CLAIM_ID}", "lease_seconds": 600}`]: { ...claimExample, lease_expires_at: '2026-12-02T10:51:20.004Z' } }),
          params: ticketParams,
          body: extendInputSchema.meta({ example: { claim_id: CLAIM_ID, lease_seconds: 600 } }),
        },
      },
      async (request) => tickets.extend(request.params.ticket_id, request.body.claim_id, request.body.lease_seconds),
    );
  };
