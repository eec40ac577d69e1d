import type { JobState } from '@iq/core';
import { builder } from './builder.js';

const JobStateEnum = builder.enumType('JobState', {
  values: {
    WAITING: { value: 'waiting' },
    ACTIVE: { value: 'active' },
    COMPLETED: { value: 'completed' },
    FAILED: { value: 'failed' },
    UNKNOWN: { value: 'unknown' },
  } as const satisfies Record<string, { value: JobState | 'unknown' }>,
});

export interface JobShape {
  id: string;
  ticketId: string | null;
  state: JobState | 'unknown';
}

export const JobRef = builder.objectRef<JobShape>('Job').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    ticketId: t.exposeID('ticketId', { nullable: true }),
    state: t.field({ type: JobStateEnum, resolve: (job) => job.state }),
  }),
});

builder.queryFields((t) => ({
  job: t.field({
    authScopes: { 'jobs:read': true },
    type: JobRef,
    nullable: true,
    description: 'A job by id; state UNKNOWN when it never existed or its retention expired.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { services }) => {
      const status = await services.jobs.status(id);
      return status ? { id, ticketId: status.ticket_id, state: status.state } : { id, ticketId: null, state: 'unknown' as const };
    },
  }),
}));
