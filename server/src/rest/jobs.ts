import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobStatus } from '@iq/core';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';

/** Job status; finished jobs stay findable for the retention window. */
export const jobRoutes =
  ({ queue }: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/jobs/:job_id',
      { schema: { tags: ['jobs'], summary: 'State of a job', params: z.object({ job_id: z.string().min(1) }) } },
      async (request) => {
        const status = await jobStatus(queue, request.params.job_id);
        if (!status) throw new HttpError(404, 'Job not found');
        return status;
      },
    );
  };
