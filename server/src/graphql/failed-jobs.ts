import { z } from 'zod';
import { PAGE_DEFAULT_LIMIT, pageLimitSchema, pageOffsetSchema, type FailedJob } from '@iq/core/domain';
import type { FailedJobsPage } from '@iq/core';
import { builder } from './builder.js';
import { conflictsRendered } from './domain-errors.js';
import { parseInput } from './input-validation.js';
import { JobRef } from './job.js';

const FailedJobRef = builder.objectRef<FailedJob>('FailedJob').implement({
  description: 'A triage job that failed for good (kept by BullMQ for JOB_RETENTION_SECONDS / JOB_RETENTION_COUNT).',
  fields: (t) => ({
    jobId: t.exposeID('job_id'),
    ticketId: t.exposeID('ticket_id'),
    subject: t.exposeString('subject', { nullable: true, description: "The ticket's subject, while its content is kept for a retry." }),
    error: t.exposeString('error', { description: 'Why its last attempt failed.' }),
    attemptsMade: t.exposeInt('attempts_made'),
    failedAt: t.exposeString('failed_at', { nullable: true }),
    retryable: t.exposeBoolean('retryable', {
      description: 'Whether retryJob would take it: its content is kept and no newer submission holds its ticket id.',
    }),
  }),
});

const FailedJobsPageRef = builder.objectRef<FailedJobsPage>('FailedJobsPage').implement({
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'How many failed jobs there are in all.' }),
    jobs: t.field({ type: [FailedJobRef], description: 'This page, newest first.', resolve: (page) => page.jobs }),
  }),
});

const pageArgs = z.object({ limit: pageLimitSchema, offset: pageOffsetSchema });

builder.queryFields((t) => ({
  failedJobs: t.field({
    authScopes: { 'queue:admin': true },
    type: FailedJobsPageRef,
    description: 'Triage jobs that failed for good, newest first, with their error and whether retryJob would take them.',
    args: {
      limit: t.arg.int({ defaultValue: PAGE_DEFAULT_LIMIT }),
      offset: t.arg.int({ defaultValue: 0 }),
    },
    resolve: (_root, args, { services }) => {
      const { limit, offset } = parseInput(pageArgs, args, []);
      return services.jobs.failed(offset, limit);
    },
  }),
}));

builder.mutationFields((t) => ({
  retryJob: t.field({
    authScopes: { 'queue:admin': true },
    type: JobRef,
    description:
      'Retries a triage job that failed for good: its ticket id is claimed again with the content accepted for it ' +
      '(ticket_retried), and the job waits for a worker (then ticket_processed). NOT_FOUND when there is no such job or ' +
      'it did not fail; CONFLICT (extensions.reason claimed_again, in_progress or payload_gone) when a newer submission ' +
      'holds the ticket id, a retry of it is under way, or its content is no longer kept.',
    args: { jobId: t.arg.id({ required: true }) },
    resolve: async (_root, { jobId }, { services }) => {
      const status = await conflictsRendered(services.jobs.retry(jobId));
      return { id: status.job_id, ticketId: status.ticket_id, state: status.state };
    },
  }),
}));
