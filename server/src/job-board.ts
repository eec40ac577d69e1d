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
 * job back to waiting without claiming its ticket id again — the job would find no
 * content to process, or process it beside a newer submission of the same id; its "add
 * job" would bypass the claim altogether. Failed jobs are retried through the project's
 * own retry (POST /jobs/{id}/retry, retryJob, the dashboard's Failed jobs panel), which
 * re-claims the id first.
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
