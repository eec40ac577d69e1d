import { z } from 'zod';
import { URGENT_THRESHOLD, urgencyTextSchema, type TicketLimits, type UrgencyResult } from '@iq/core';
import { builder } from './builder.js';
import { parseInput, schemaFor } from './input-validation.js';

const UrgencyScoreRef = builder.objectRef<UrgencyResult>('UrgencyScore').implement({
  fields: (t) => ({
    urgencyScore: t.exposeFloat('score'),
    isUrgent: t.boolean({ resolve: (r) => r.score >= URGENT_THRESHOLD }),
    model: t.exposeString('model'),
    explanation: t.string({
      description: 'The tone and each cue that fired with its contribution; empty for scorers without cues.',
      resolve: (r) => r.explanation ?? '',
    }),
  }),
});

const urgencyArgsSchema = (limits: TicketLimits) => z.object({ text: urgencyTextSchema(limits) });

builder.queryFields((t) => ({
  urgencyScore: t.field({
    authScopes: { 'urgency:score': true },
    type: UrgencyScoreRef,
    args: { text: t.arg.string({ required: true }) },
    resolve: async (_root, args, { services }) => {
      const { text } = parseInput(schemaFor(services.limits, urgencyArgsSchema), args, []);
      const [result] = await services.scorer.score([text]);
      return result!;
    },
  }),
}));
