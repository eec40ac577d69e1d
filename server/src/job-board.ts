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
 * Read-only, and enforced by bull-board's API too: its retry would move a failed triage
 * job back to waiting, but a job that failed for good has released its ticket's claim and
 * content, so the retry would complete without processing anything; its "add job" would
 * bypass the claim altogether. Retrying a ticket has to re-claim it (a project action).
 */
export async function mountJobBoard(app: FastifyInstance, services: Services): Promise<() => Promise<void>> {
  // The workers own the webhook queue; this instance only reads its jobs.
  const webhooks = new Queue(WEBHOOK_QUEUE, { connection: services.redis, prefix: services.keys.bullPrefix });
  webhooks.on('error', (error) => services.log.warn({ err: error.message }, 'webhook queue error'));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(JOB_BOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(services.queue, { readOnlyMode: true, description: 'Triage jobs: one per accepted ticket (data: its ticket id)' }),
      new BullMQAdapter(webhooks, { readOnlyMode: true, description: 'Webhook deliveries of urgent tickets' }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Intelligent Queue · jobs' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: JOB_BOARD_PATH });
  return () => webhooks.close();
}
