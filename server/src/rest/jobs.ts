import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAGE_DEFAULT_LIMIT, PAGE_MAX_LIMIT } from '@iq/core';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';
import { examples, failedJobExample } from './openapi-examples.js';

const jobParams = z.object({ job_id: z.string().min(1) });

/** Job status (finished jobs stay findable for the retention window); failed jobs and their retry. */
export const jobRoutes =
  ({ jobs: teamJobs }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/jobs/:job_id',
      { schema: { tags: ['jobs'], summary: 'State of a job', params: jobParams } },
      async (request) => {
        const status = await teamJobs.status(request.params.job_id);
        if (!status) throw new HttpError(404, 'Job not found');
        return status;
      },
    );

    app.get(
      '/jobs/failed',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Triage jobs that failed for good, newest first (admin)',
          description:
            'A JSON array of the failed jobs BullMQ still keeps (`JOB_RETENTION_SECONDS`, `JOB_RETENTION_COUNT`), newest ' +
            'first: each with its ticket, its subject (while its content is kept), the error of its last attempt, the ' +
            'attempts made, when it failed, and whether `POST /jobs/{job_id}/retry` would take it (`retryable`: its ' +
            'content is kept and no newer submission holds its ticket id). `limit` and `offset` page through them; the ' +
            '`X-Total-Count` header holds how many there are in all.\n\n' +
            examples({ 'GET /jobs/failed?limit=1': [failedJobExample] }),
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(PAGE_MAX_LIMIT).default(PAGE_DEFAULT_LIMIT),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (request, reply) => {
        const { total, jobs } = await teamJobs.failed(request.query.offset, request.query.limit);
        return reply.header('x-total-count', String(total)).send(jobs);
      },
    );

    app.post(
      '/jobs/:job_id/retry',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Retry a triage job that failed for good (admin)',
          description:
            'Claims the ticket id again for this job, with the content accepted for it, records `ticket_retried`, and ' +
            'moves the job back to waiting with its attempts reset; a worker then processes it like a new submission ' +
            '(`ticket_processed`). 404 when there is no such job or it did not fail; 409 when it cannot be retried: the ' +
            'ticket id was submitted again since (the newer submission holds it), a retry of it is already under way, ' +
            'or its content is no longer kept. `detail` says which.\n\n' +
            examples({ 'POST /jobs/T-1001~1/retry': { job_id: 'T-1001~1', ticket_id: 'T-1001', state: 'waiting' } }),
          params: jobParams,
        },
      },
      async (request, reply) => reply.status(202).send(await teamJobs.retry(request.params.job_id)),
    );
  };
