import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, freePort, spawnApi, startRedisServer, subscribeSse, subscribeWs, type RedisServer } from '@iq/testkit';

/** SIGTERM ends open subscriptions instead of waiting for them forever. */
describe('API shutdown with open subscriptions', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('exits on SIGTERM while an SSE and a WebSocket subscription are open, and the SSE stream ends', async () => {
    const port = await freePort();
    const api = await spawnApi(redis.url, port);
    const sse = await subscribeSse(api.url, 'subscription { activity { type } }');
    const ws = await subscribeWs(api.url, 'subscription { activity { type } }');
    const closed = new Promise<number>((resolve) => ws.client.on('closed', (event) => resolve((event as { code: number }).code)));
    api.child.kill('SIGTERM');
    // A hang here fails the test by its timeout; the exit code says it was a clean shutdown.
    expect(await api.exited).toBe(0);
    expect(await closed).toBe(1001);
    await waitFor(() => sse.ended, { what: 'the SSE stream to end' });
    sse.stop();
    ws.stop();
  }, 30_000);
});
