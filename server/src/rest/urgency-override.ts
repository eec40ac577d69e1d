import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OVERRIDE_REASON_MAX_LENGTH, urgencyOverrideInputSchema } from '@iq/core';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';
import { examples, ticketExample } from './openapi-examples.js';
import { NOT_IN_QUEUE } from './queued-ticket.js';

/** An agent's correction of a queued ticket's urgency. */
export const urgencyOverrideRoutes =
  ({ tickets }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/tickets/:ticket_id/urgency',
      {
        schema: {
          tags: ['tickets'],
          summary: "Correct a queued ticket's urgency S (re-ranks it)",
          description:
            '`urgency_score` ∈ [0, 1] becomes the ticket\'s S; `is_urgent` and `priority_score` follow from it, and the ticket ' +
            'moves in the queue (behind earlier arrivals of equal S). The previous S and the optional `reason` ' +
            `(up to ${OVERRIDE_REASON_MAX_LENGTH} characters) are kept in \`urgency_override\`, the correction is kept as a ` +
            'training example (`npm run export:overrides`) and recorded as `urgency_overridden`. URL-encode the ticket id. ' +
            `404 \`{"detail": "${NOT_IN_QUEUE}"}\` for a ticket that is not queued (unknown, not processed yet, or popped).\n\n` +
            examples({
              'POST /tickets/T-1001/urgency {"urgency_score": 0.99, "reason": "customer is a hospital"}': {
                ...ticketExample,
                urgency_score: 0.99,
                is_urgent: true,
                priority_score: 10,
                urgency_override: { previous_score: ticketExample.urgency_score, reason: 'customer is a hospital', overridden_at: '2026-12-02T10:41:17.512Z' },
              },
            }),
          params: z.object({ ticket_id: z.string().min(1) }),
          body: urgencyOverrideInputSchema.meta({ example: { urgency_score: 0.99, reason: 'customer is a hospital' } }),
        },
      },
      async (request) => {
        const ticket = await tickets.overrideUrgency(request.params.ticket_id, request.body);
        if (!ticket) throw new HttpError(404, NOT_IN_QUEUE);
        return ticket;
      },
    );
  };
