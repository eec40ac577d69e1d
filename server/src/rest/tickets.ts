import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseTeamList, ticketBatchSchema, ticketInputSchema, type Submission } from '@iq/core';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';
import { examples, ticketExample, ticketInputExample } from './openapi-examples.js';

const ACCEPTED = 'Accepted for processing';
const NO_TICKETS = 'No tickets in queue';
/** The ticket, or the original's 404 when the queue is empty. */
const orNoTickets = <T>(ticket: T | null): T => {
  if (!ticket) throw new HttpError(404, NO_TICKETS);
  return ticket;
};
const accepted = (s: Submission) => ({ ticket_id: s.ticket_id, job_id: s.job_id, message: ACCEPTED, duplicate: s.duplicate });

const ID_RULES =
  '`ticket_id` is optional (generated when missing) and may be any text of 1–128 characters without control characters ' +
  '(spaces, `#`, `/`, `:` and non-ASCII are fine); `subject` and `body` may be empty (an empty text scores S = 0). ' +
  'The job id is derived from the ticket id in an URL-safe form, unique per submission. A ticket id that is already ' +
  'waiting, being processed or queued is a duplicate: the same job id with `"duplicate": true`, processed once.';

/** Submitting tickets and popping / peeking the most urgent one. */
export const ticketRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { intake, tickets, teams, limits, config } = services;
    /** `?teams=a,b`: the teams to take from; every team when absent. */
    const teamsQuery = z.object({ teams: z.string().max(2_000).optional() });
    const asked = (value: string | undefined) => parseTeamList(value, teams.names, ['query', 'teams']);
    const ticketBody = ticketInputSchema(limits).meta({ example: ticketInputExample });
    const batchBody = z.preprocess(
      // Both a bare array (the original's) and {"tickets": [...]} are accepted; errors point into the array.
      (body) => (body && typeof body === 'object' && !Array.isArray(body) && 'tickets' in body ? body.tickets : body),
      ticketBatchSchema(limits).meta({
        example: [ticketInputExample, { ticket_id: 'FE 5', subject: 'Question', body: 'How do I export my data?' }],
      }),
    );

    app.post(
      '/tickets',
      {
        bodyLimit: config.TICKET_REQUEST_MAX_BYTES,
        schema: {
          tags: ['tickets'],
          summary: 'Submit one ticket (202 + job id)',
          description: `${ID_RULES}\n\n${examples({
            'POST /tickets → 202': { ticket_id: 'T-1001', job_id: 'T-1001~1', message: ACCEPTED, duplicate: false },
          })}`,
          body: ticketBody,
        },
      },
      async (request, reply) => {
        const [submission] = await intake.submit([request.body], () => ['body', 'team']);
        return reply.status(202).send(accepted(submission!));
      },
    );

    app.post(
      '/tickets/batch',
      {
        bodyLimit: config.BATCH_REQUEST_MAX_BYTES,
        schema: {
          tags: ['tickets'],
          summary: 'Submit a batch atomically: one invalid item and nothing is enqueued',
          description: `A JSON array of tickets (or \`{"tickets": [...]}\`), up to ${limits.batchMaxItems}; \`[]\` accepts nothing. ${ID_RULES}\n\n${examples(
            {
              'POST /tickets/batch → 202': {
                accepted: [
                  { ticket_id: 'T-1001', job_id: 'T-1001~1', message: ACCEPTED, duplicate: false },
                  { ticket_id: 'FE 5', job_id: 'FE~205~2', message: ACCEPTED, duplicate: false },
                ],
              },
            },
          )}`,
          body: batchBody,
        },
      },
      async (request, reply) => {
        const submissions = await intake.submit(request.body);
        return reply.status(202).send({ accepted: submissions.map(accepted) });
      },
    );

    const ticketDescription = (what: string) =>
      `${what} \`priority_score\` is the original's integer 0–10, min(10, round(S × 10)); the queue pops by S, then arrival. ` +
      `404 \`{"detail": "${NO_TICKETS}"}\` when the queue is empty.\n\n${examples({ 'GET /tickets/next': ticketExample })}`;

    app.get(
      '/tickets/next',
      {
        // A HEAD would pop a ticket and throw it away; it answers 405 instead.
        exposeHeadRoute: false,
        schema: {
          tags: ['tickets'],
          summary: 'Pop the most urgent processed ticket (of every team, or of `?teams=a,b`)',
          description: ticketDescription(
            'Removes and returns the most urgent ticket; each ticket is handed out once. `?teams=billing,technical` takes the ' +
              'most urgent among the heads of those teams (S, then the deployment-wide arrival order); without it, of every ' +
              'team. Across teams it is the most urgent as of the comparison: the winner is popped only if it is still its ' +
              "team's head (or another of its tickets scored at least as the other teams' best head was), else the heads are " +
              'compared again.',
          ),
          querystring: teamsQuery,
        },
      },
      async (request) => orNoTickets(await tickets.popNext(asked(request.query.teams))),
    );

    app.get(
      '/tickets/peek',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Read the most urgent ticket without removing it',
          description: ticketDescription('Returns the ticket `/tickets/next` would pop (with the same `?teams=`), without removing it.'),
          querystring: teamsQuery,
        },
      },
      async (request) => orNoTickets(await tickets.peek(asked(request.query.teams))),
    );
  };
