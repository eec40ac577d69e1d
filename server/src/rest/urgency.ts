import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { URGENT_THRESHOLD } from '@iq/core';
import type { Services } from '../services.js';

export const urgencyTextSchema = (maxLength: number) =>
  z.string().max(maxLength).refine((s) => s.trim().length > 0, 'must not be empty');

/** Scores a text with the same scorer module the workers use. */
export const urgencyRoutes =
  ({ scorer, limits }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/urgency-score',
      {
        schema: {
          tags: ['scoring'],
          summary: 'Urgency S of a text',
          body: z.object({ text: urgencyTextSchema(limits.subjectMaxLength + limits.bodyMaxLength + 1) }),
        },
      },
      async (request) => {
        const [result] = await scorer.score([request.body.text]);
        return { urgency_score: result!.score, is_urgent: result!.score >= URGENT_THRESHOLD, model: result!.model };
      },
    );
  };
