import type { ScorerInfo } from '@iq/core';
import { checkHealth, type HealthReport } from '../health.js';
import { builder } from './builder.js';

const ScorerInfoRef = builder.objectRef<ScorerInfo>('ScorerInfo').implement({
  fields: (t) => ({
    kind: t.exposeString('kind', { description: '"model" (the urgency model), "transformer" or "lexicon".' }),
    model: t.exposeString('model'),
    reason: t.exposeString('reason', { description: 'Why this scorer is in use (e.g. a fallback and its cause).' }),
  }),
});

const HealthRef = builder.objectRef<HealthReport>('Health').implement({
  fields: (t) => ({
    status: t.exposeString('status', { description: '"ok", or "degraded" when Redis is unreachable.' }),
    redis: t.exposeString('redis'),
    model: t.exposeString('model', { description: 'The scorer model this API instance uses.' }),
    scorer: t.field({ type: ScorerInfoRef, resolve: (h) => h.scorer }),
    liveWorkers: t.int({ resolve: (h) => h.workers.live }),
    lastWorkerHeartbeat: t.string({ nullable: true, resolve: (h) => h.workers.last_heartbeat }),
    workerModels: t.stringList({ resolve: (h) => h.workers.models }),
    unservedTeams: t.stringList({ description: 'Team queues no live worker takes jobs from: their tickets wait.', resolve: (h) => h.workers.unserved }),
    urgentThreshold: t.float({ description: 'S at or above which a ticket is urgent.', resolve: (h) => h.thresholds.urgent }),
    webhookThreshold: t.float({
      nullable: true,
      description: "S above which the live workers alert their webhook (WEBHOOK_MIN_URGENCY; the lowest if they differ); null when none has one.",
      resolve: (h) => h.thresholds.webhook,
    }),
  }),
});

builder.queryFields((t) => ({
  health: t.field({ type: HealthRef, authScopes: { 'health:details': true }, resolve: (_root, _args, { services }) => checkHealth(services) }),
}));
