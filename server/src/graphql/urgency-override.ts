import { OVERRIDE_REASON_MAX_LENGTH, urgencyOverrideInputSchema, type UrgencyOverride } from '@iq/core';
import { builder } from './builder.js';
import { parseInput } from './input-validation.js';
import { TicketRef } from './ticket.js';

const UrgencyOverrideRef = builder.objectRef<UrgencyOverride>('UrgencyOverride').implement({
  description: "An agent's correction of a ticket's S.",
  fields: (t) => ({
    previousScore: t.exposeFloat('previous_score', { description: "S before the correction (the scorer's, or an earlier correction's)." }),
    reason: t.exposeString('reason', { nullable: true }),
    overriddenAt: t.exposeString('overridden_at'),
  }),
});

builder.objectField(TicketRef, 'urgencyOverride', (t) =>
  t.field({
    type: UrgencyOverrideRef,
    nullable: true,
    description: "An agent's correction of S; null when nobody corrected it.",
    // Tickets stored before corrections existed have no such field.
    resolve: (ticket) => ticket.urgency_override ?? null,
  }),
);

builder.mutationFields((t) => ({
  setUrgency: t.field({
    authScopes: { 'queue:override': true },
    type: TicketRef,
    nullable: true,
    description:
      "Corrects a queued ticket's S (in [0, 1]), re-ranking it; isUrgent and priorityScore follow. The previous S and the " +
      `reason (up to ${OVERRIDE_REASON_MAX_LENGTH} characters) are kept in urgencyOverride and as a training example. ` +
      'Null when the ticket is not in the queue.',
    args: {
      ticketId: t.arg.id({ required: true }),
      urgencyScore: t.arg.float({ required: true }),
      reason: t.arg.string(),
    },
    resolve: (_root, args, { services }) => {
      const input = parseInput(urgencyOverrideInputSchema, { urgency_score: args.urgencyScore, reason: args.reason }, []);
      return services.tickets.overrideUrgency(args.ticketId, input);
    },
  }),
}));
