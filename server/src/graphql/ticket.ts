import type { Category, ProcessedTicket } from '@iq/core';
import { builder } from './builder.js';

export const CategoryEnum = builder.enumType('Category', {
  values: {
    BILLING: { value: 'Billing' },
    TECHNICAL: { value: 'Technical' },
    LEGAL: { value: 'Legal' },
    GENERAL: { value: 'General' },
  } as const satisfies Record<string, { value: Category }>,
});

export const TicketRef = builder.objectRef<ProcessedTicket>('Ticket').implement({
  description: 'A processed ticket in the priority queue.',
  fields: (t) => ({
    ticketId: t.exposeID('ticket_id'),
    jobId: t.exposeID('job_id'),
    subject: t.exposeString('subject'),
    body: t.exposeString('body'),
    customerId: t.exposeString('customer_id', { nullable: true }),
    channel: t.exposeString('channel', { nullable: true }),
    category: t.field({ type: CategoryEnum, resolve: (ticket) => ticket.category }),
    team: t.string({
      description: 'The team queue it waits in (routed by category unless the submission named a team).',
      // Tickets stored before team queues existed have none: they were in the one queue.
      resolve: (ticket) => ticket.team ?? '',
    }),
    urgencyScore: t.exposeFloat('urgency_score', { description: 'S = P(negative) ∈ [0, 1].' }),
    isUrgent: t.exposeBoolean('is_urgent', { description: 'S ≥ 0.5.' }),
    priorityScore: t.exposeInt('priority_score', {
      description: "The original's integer 0–10, min(10, round(S × 10)). The queue pops by S, then arrival.",
    }),
    model: t.exposeString('model', { description: 'What scored the ticket.' }),
    urgencyExplanation: t.string({
      description: 'Why S is what it is: the tone and each cue that fired with its contribution, e.g. "outage +1.9 · all users +1.1 · tone 0.31 · no rush −1.4".',
      // Tickets stored before explanations existed have none.
      resolve: (ticket) => ticket.urgency_explanation ?? '',
    }),
    createdAt: t.exposeString('created_at'),
    processedAt: t.exposeString('processed_at'),
  }),
});
