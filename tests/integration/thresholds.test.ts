import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startRedisServer, startWorker, waitFor, type Api, type RedisServer } from '@iq/testkit';
import type { TicketWorker } from '@iq/worker/worker';

// The dashboard's "High (webhook)" badge reads its threshold from the API, which learns it
// from the live workers' heartbeats: it follows WEBHOOK_MIN_URGENCY instead of assuming 0.8.
describe('thresholds in /health/details and Query.health', () => {
  let redis: RedisServer;
  let api: Api;
  const workers: TicketWorker[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    api = await startApi(redis.url);
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await api?.close();
    await redis?.stop();
  });

  const thresholds = async () => (await api.get('/health/details')).body.thresholds;

  it('has no webhook threshold while no live worker has a webhook', async () => {
    workers.push(await startWorker(redis.url));
    await waitFor(async () => (await api.get('/health/details')).body.workers.live === 1);
    expect(await thresholds()).toEqual({ urgent: 0.5, webhook: null });
  });

  it("follows the workers' WEBHOOK_MIN_URGENCY, the lowest when they differ", async () => {
    workers.push(await startWorker(redis.url, { WEBHOOK_URL: 'http://127.0.0.1:9/hook', WEBHOOK_MIN_URGENCY: '0.7' }));
    workers.push(await startWorker(redis.url, { WEBHOOK_URL: 'http://127.0.0.1:9/hook', WEBHOOK_MIN_URGENCY: '0.6' }));
    await waitFor(async () => (await api.get('/health/details')).body.workers.live === 3);
    expect(await thresholds()).toEqual({ urgent: 0.5, webhook: 0.6 });
    const gql = await api.gql('{ health { urgentThreshold webhookThreshold } }');
    expect(gql.data.health).toEqual({ urgentThreshold: 0.5, webhookThreshold: 0.6 });
  });
});
