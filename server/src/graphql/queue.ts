import { z } from 'zod';
import { PAGE_DEFAULT_LIMIT, pageLimitSchema, pageOffsetSchema } from '@iq/core/domain';
import { builder } from './builder.js';
import { parseInput } from './input-validation.js';
import { TicketRef } from './ticket.js';
import { spend } from './spend.js';

const pageArgs = z.object({ limit: pageLimitSchema, offset: pageOffsetSchema });

builder.queryFields((t) => ({
  queue: t.field({
    authScopes: { 'queue:read': true },
    type: [TicketRef],
    description: 'Processed tickets in pop order.',
    args: {
      limit: t.arg.int({ defaultValue: PAGE_DEFAULT_LIMIT }),
      offset: t.arg.int({ defaultValue: 0 }),
    },
    resolve: async (_root, args, { services }) => {
      const { limit, offset } = parseInput(pageArgs, args, []);
      return (await services.store.page(offset, limit)).tickets;
    },
  }),
  queueSize: t.int({ authScopes: { 'queue:read': true }, resolve: (_root, _args, { services }) => services.store.size() }),
  peek: t.field({
    type: TicketRef,
    nullable: true,
    authScopes: { 'queue:read': true },
    description: 'The ticket popNext would return, without removing it.',
    resolve: (_root, _args, { services }) => services.store.peek(),
  }),
}));

builder.mutationFields((t) => ({
  popNext: t.field({
    authScopes: { 'queue:pop': true },
    type: TicketRef,
    nullable: true,
    description: 'Removes and returns the most urgent ticket; null when the queue is empty.',
    resolve: async (_root, _args, { services, access }) => {
      await spend(access, 'pop');
      return services.store.popNext();
    },
  }),
  clearQueue: t.int({
    authScopes: { 'queue:admin': true },
    description: 'Empties the processed queue; returns how many tickets it held.',
    resolve: (_root, _args, { services }) => services.store.clear(),
  }),
}));
