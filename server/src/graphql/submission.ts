import { ticketBatchSchema, ticketInputSchema, type Submission } from '@iq/core';
import { builder } from './builder.js';
import { parseInput, schemaFor } from './input-validation.js';
import { spend } from './spend.js';

export const TicketInput = builder.inputType('TicketInput', {
  fields: (t) => ({
    ticketId: t.id({
      description: 'Any text of 1–128 characters without control characters (spaces, #, /, : and non-ASCII are fine); generated when missing.',
    }),
    subject: t.string({ required: true, description: 'May be empty: an empty text scores S = 0.' }),
    body: t.string({ required: true, description: 'May be empty.' }),
    customerId: t.string(),
    channel: t.string(),
    team: t.string({ description: "The team queue to route to (TEAM_QUEUES), instead of the category's." }),
  }),
});

const SubmissionRef = builder.objectRef<Submission>('Submission').implement({
  fields: (t) => ({
    ticketId: t.exposeID('ticket_id'),
    jobId: t.exposeID('job_id'),
    duplicate: t.exposeBoolean('duplicate', { description: 'True when the ticket id was already waiting or queued.' }),
  }),
});

type TicketInputShape = typeof TicketInput.$inferInput;

/** GraphQL's camelCase input → the snake_case ticket the core validates. */
const toSnake = (input: TicketInputShape) => ({
  ticket_id: input.ticketId,
  subject: input.subject,
  body: input.body,
  customer_id: input.customerId,
  channel: input.channel,
  team: input.team,
});

builder.mutationFields((t) => ({
  submitTicket: t.field({
    authScopes: { 'tickets:submit': true },
    type: SubmissionRef,
    args: { input: t.arg({ type: TicketInput, required: true }) },
    resolve: async (_root, args, { services, access }) => {
      await spend(access, 'submit');
      const ticket = parseInput(schemaFor(services.limits, ticketInputSchema), toSnake(args.input), ['input']);
      const [submission] = await services.intake.submit([ticket], () => ['input', 'team']);
      return submission!;
    },
  }),
  submitBatch: t.field({
    authScopes: { 'tickets:submit': true },
    type: [SubmissionRef],
    description: 'Submits tickets atomically: if any is invalid, none is enqueued.',
    args: { input: t.arg({ type: [TicketInput], required: true }) },
    resolve: async (_root, args, { services, access }) => {
      await spend(access, 'submit');
      const tickets = parseInput(schemaFor(services.limits, ticketBatchSchema), args.input.map(toSnake), ['input']);
      return services.intake.submit(tickets, (i) => ['input', i, 'team']);
    },
  }),
}));
