import { z } from 'zod';
import { PAGE_DEFAULT_LIMIT, activityTicketId, pageLimitSchema, type ActivityEvent } from '@iq/core/domain';
import { builder } from './builder.js';
import { parseInput } from './input-validation.js';
import { JSONScalar } from './scalars.js';

const ActivityEventRef = builder.objectRef<ActivityEvent>('ActivityEvent').implement({
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Redis stream id; increases with time.' }),
    ts: t.exposeString('ts'),
    type: t.exposeString('type'),
    ticketId: t.id({ nullable: true, resolve: activityTicketId }),
    data: t.field({ type: JSONScalar, nullable: true, resolve: (event) => event.data }),
  }),
});

const limitArgs = z.object({ limit: pageLimitSchema });

builder.queryFields((t) => ({
  activity: t.field({
    authScopes: { 'queue:read': true },
    type: [ActivityEventRef],
    description: 'Recent activity events, newest first.',
    args: { limit: t.arg.int({ defaultValue: PAGE_DEFAULT_LIMIT }) },
    resolve: (_root, args, { services }) => services.views.recentActivity(parseInput(limitArgs, args, []).limit),
  }),
}));

builder.subscriptionFields((t) => ({
  activity: t.field({
    authScopes: { 'queue:read': true },
    type: ActivityEventRef,
    description: 'Every activity event of every worker and API instance, live (Redis pub/sub).',
    subscribe: (_root, _args, { services }) => services.activityFeed.events(),
    resolve: (event) => event,
  }),
}));
