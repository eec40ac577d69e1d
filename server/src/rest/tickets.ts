import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketBatchSchema, ticketInputSchema, type Submission } from '@iq/core';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';

const ACCEPTED = 'Accepted for processing';
const accepted = (s: Submission) => ({ ticket_id: s.ticket_id, job_id: s.job_id, message: ACCEPTED, duplicate: s.duplicate });

/** Submitting tickets and popping / peeking the most urgent one. */
export const ticketRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { intake, store, limits, config } = services;
    const batchBody = z.preprocess(
      // Both a bare array and {"tickets": [...]} are accepted; errors point into the array.
      (body) => (body && typeof body === 'object' && !Array.isArray(body) && 'tickets' in body ? body.tickets : body),
      ticketBatchSchema(limits),
    );

    app.post(
      '/tickets',
      {
        bodyLimit: config.TICKET_REQUEST_MAX_BYTES,
        schema: { tags: ['tickets'], summary: 'Submit one ticket (202 + job id)', body: ticketInputSchema(limits) },
      },
      async (request, reply) => {
        const [submission] = await intake.submit([request.body]);
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
          body: batchBody,
        },
      },
      async (request, reply) => {
        const submissions = await intake.submit(request.body);
        return reply.status(202).send({ accepted: submissions.map(accepted) });
      },
    );

    app.get('/tickets/next', { schema: { tags: ['tickets'], summary: 'Pop the most urgent processed ticket' } }, async () => {
      const ticket = await store.popNext();
      if (!ticket) throw new HttpError(404, 'Queue is empty');
      return ticket;
    });

    app.get('/tickets/peek', { schema: { tags: ['tickets'], summary: 'Read the most urgent ticket without removing it' } }, async () => {
      const ticket = await store.peek();
      if (!ticket) throw new HttpError(404, 'Queue is empty');
      return ticket;
    });
  };
