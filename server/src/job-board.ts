import { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { WEBHOOK_QUEUE } from '@iq/core';
import type { Services } from './services.js';

/** Where bull-board is served (admin role; see route-access.ts). */
export const JOB_BOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues: the job-level view of both BullMQ queues (triage and
 * webhook deliveries) — waiting, active, delayed, completed and failed jobs with their
 * data, attempts, error and stack. Job data holds only ticket ids; the tickets
 * themselves stay behind the REST and GraphQL APIs.
 *
 * On the triage queue an admin may retry failed jobs and clean (remove) jobs; nothing
 * else. bull-board's retry moves a failed job back to waiting without claiming its ticket
 * id again, so the worker does it when it finds no content (process-job.ts): the content
 * kept when the job failed comes back with the claim, and a newer submission of the same
 * id wins. A removed job that was still waiting is enqueued again by the claim
 * reconciler (its claim is pending), so cleaning loses no accepted ticket. Every other
 * action is refused with 405: "add job" and "edit data" would bypass the claim, and
 * "empty" or "obliterate" are not what a job view is for. The webhook queue stays
 * read-only: deliveries keep their own state (webhooks/deliveries).
 */
const ALLOWED_WRITES = [
  /^\/api\/queues\/[^/]+\/retry\/failed$/,
  /^\/api\/queues\/[^/]+\/clean\/(?:completed|failed)$/,
  /^\/api\/queues\/[^/]+\/[^/]+\/(?:retry|clean)$/,
];

function jobBoardWriteAllowed(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return method === 'PUT' && ALLOWED_WRITES.some((pattern) => pattern.test(path));
}

export async function mountJobBoard(app: FastifyInstance, services: Services): Promise<() => Promise<void>> {
  // The workers own the webhook queue; this instance only reads its jobs.
  const webhooks = new Queue(WEBHOOK_QUEUE, { connection: services.redis, prefix: services.keys.bullPrefix });
  webhooks.on('error', (error) => services.log.warn({ err: error.message }, 'webhook queue error'));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(JOB_BOARD_PATH);
  createBullBoard({
    queues: [
      // One per team queue; BullMQ names them all "tickets", the board tells them apart by team.
      ...services.jobs.teams.map(
        ({ name, queue }) =>
          new BullMQAdapter(queue, {
            prefix: `${name}-`,
            description: `Triage jobs of team ${name}: one per accepted ticket (data: its ticket id). Retry and clean only; a retried job claims its ticket again.`,
          }),
      ),
      new BullMQAdapter(webhooks, { readOnlyMode: true, description: 'Webhook deliveries of urgent tickets' }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Intelligent Queue · jobs' } },
  });
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const path = request.url.slice(JOB_BOARD_PATH.length).split('?')[0]!;
        if (!jobBoardWriteAllowed(request.method, path)) {
          return reply.code(405).send({ detail: 'The job board may retry failed jobs and clean jobs; nothing else' });
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: JOB_BOARD_PATH },
  );
  return () => webhooks.close();
}
