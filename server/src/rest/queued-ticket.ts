import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';
import { examples, ticketExample } from './openapi-examples.js';

export const NOT_IN_QUEUE = 'Ticket not in queue';

const params = z.object({ ticket_id: z.string().min(1) });
const notQueued = `404 \`{"detail": "${NOT_IN_QUEUE}"}\` when it is not in the queue (unknown, not processed yet, claimed or popped). URL-encode the ticket id.`;

/** One queued ticket, by id: read it with its place in line, pop it, remove it. */
export const queuedTicketRoutes =
  ({ tickets }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const orNotQueued = <T>(value: T | null): T => {
      if (value === null) throw new HttpError(404, NOT_IN_QUEUE);
      return value;
    };

    app.get(
      '/queue/tickets/:ticket_id',
      {
        schema: {
          tags: ['queue'],
          summary: 'A queued ticket, with its place in line',
          description: `The ticket, \`position\` (1 is popped next by \`GET /tickets/next\`, across every team) and \`team_position\` (its place in its team's queue). ${notQueued}\n\n${examples({ 'GET /queue/tickets/T-1001': { ...ticketExample, position: 3, team_position: 2 } })}`,
          params,
        },
      },
      async (request) => {
        const found = orNotQueued(await tickets.find(request.params.ticket_id));
        return { ...found.ticket, position: found.position, team_position: found.teamPosition };
      },
    );

    app.post(
      '/queue/tickets/:ticket_id/pop',
      {
        schema: {
          tags: ['queue'],
          summary: 'Pop this ticket, wherever it is in line',
          description:
            'Removes and returns the named ticket, as `GET /tickets/next` does the most urgent one, and records `ticket_popped` ' +
            `with \`picked: true\`. Its id is free for a new submission. ${notQueued}\n\n` +
            examples({ 'POST /queue/tickets/T-1001/pop': ticketExample }),
          params,
        },
      },
      async (request) => orNotQueued(await tickets.take(request.params.ticket_id, 'pop')),
    );

    app.delete(
      '/queue/tickets/:ticket_id',
      {
        schema: {
          tags: ['queue'],
          summary: 'Remove a ticket from the queue without handling it',
          description:
            'For spam, tests and tickets handled elsewhere: the ticket leaves the queue, `ticket_removed` is recorded and its id ' +
            `is free for a new submission. Answers the removed ticket. ${notQueued}\n\n` +
            examples({ 'DELETE /queue/tickets/T-1001': ticketExample }),
          params,
        },
      },
      async (request) => orNotQueued(await tickets.take(request.params.ticket_id, 'remove')),
    );
  };
