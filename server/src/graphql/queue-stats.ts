import type { QueueStats } from '@iq/core';
import { builder } from './builder.js';

const QueueStatsRef = builder.objectRef<QueueStats>('QueueStats').implement({
  fields: (t) => ({
    size: t.exposeInt('size', { description: 'Processed tickets ready to pop.' }),
    waiting: t.exposeInt('waiting', { description: 'Jobs waiting for a worker (including retries in backoff).' }),
    active: t.exposeInt('active'),
    failed: t.exposeInt('failed', { description: 'Jobs that failed for good (kept for the retention window).' }),
  }),
});

builder.queryFields((t) => ({
  queueStats: t.field({
    authScopes: { 'queue:read': true },
    type: QueueStatsRef,
    resolve: (_root, _args, { services }) => services.jobs.stats(),
  }),
}));

builder.subscriptionFields((t) => ({
  queueStats: t.field({
    authScopes: { 'queue:read': true },
    type: QueueStatsRef,
    description: 'The current stats, then an update whenever the queue changes (throttled).',
    subscribe: (_root, _args, { services }) => services.stats.subscribe(),
    resolve: (stats) => stats,
  }),
}));
