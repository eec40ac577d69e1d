import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { URGENT_THRESHOLD, urgencyTextSchema } from '@iq/core';
import type { Services } from '../services.js';
import { examples } from './openapi-examples.js';

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
          description:
            '`is_urgent` is S ≥ 0.5; `model` names the scorer; `urgency_explanation` lists the tone and the cues that fired ' +
            '(the first line of the text counts as the subject). An empty text scores 0.\n\n' +
            examples({
              'POST /urgency-score {"text": "Everything is broken ASAP"}': {
                urgency_score: 0.87,
                is_urgent: true,
                model: 'urgency-v1 (tone: vader-lexicon)',
                urgency_explanation: 'asap +2.1 · broken +0.4 · tone 0.62 +0.7',
              },
            }),
          body: z
            .object({ text: urgencyTextSchema(limits) })
            .meta({ example: { text: 'Everything is broken ASAP' } }),
        },
      },
      async (request) => {
        const [result] = await scorer.score([request.body.text]);
        return {
          urgency_score: result!.score,
          is_urgent: result!.score >= URGENT_THRESHOLD,
          model: result!.model,
          urgency_explanation: result!.explanation ?? '',
        };
      },
    );
  };
