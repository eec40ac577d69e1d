import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createScorerFromEnv } from '@iq/core';
import {
  FIXTURE_MODEL,
  NETWORK_TRIPWIRE,
  TRIPWIRE_MARKER,
  spawnWorker,
  startApi,
  startRedisServer,
  waitFor,
  type Api,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// The whole system scoring with the transformer path, on the fixture model, with a
// network trip-wire in the worker process.

let redis: RedisServer;
let api: Api | undefined;
let worker: WorkerProcess | undefined;
const log = createLogger({ name: 'test', level: 'silent', format: 'json' });

const transformerEnv = {
  URGENCY_SCORER: 'transformer',
  URGENCY_MODEL: FIXTURE_MODEL,
  MODEL_DTYPE: 'fp32',
  NODE_OPTIONS: NETWORK_TRIPWIRE,
};

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill('SIGTERM');
  await worker?.exited;
  await api?.close();
  await redis?.stop();
});

describe('transformer scoring end to end', () => {
  it('a worker scores tickets with the fixture model and says so', async () => {
    api = await startApi(redis.url, {}, await createScorerFromEnv({ URGENCY_SCORER: 'transformer', URGENCY_MODEL: FIXTURE_MODEL, MODEL_DTYPE: 'fp32' }, log));
    worker = await spawnWorker(redis.url, transformerEnv);

    await api.post('/tickets/batch', [
      { ticket_id: 'tf-angry', subject: 'Furious', body: 'This is terrible, the app is broken. Worst service ever!' },
      { ticket_id: 'tf-calm', subject: 'Quick question', body: 'Thanks for the great product. How do I export my data?' },
    ]);
    const tickets = await waitFor(async () => {
      const queue = (await api!.get('/queue')).body;
      return queue.length === 2 && queue;
    }, { what: 'both tickets processed' });
    expect(tickets.map((t: any) => t.ticket_id)).toEqual(['tf-angry', 'tf-calm']);
    for (const t of tickets) expect(t.model).toBe('tiny-sst2 (local) fp32');
    expect(tickets[0].urgency_score).toBeGreaterThan(0.8);
    expect(tickets[1].urgency_score).toBeLessThan(0.5);

    const health = (await api.get('/health/details')).body;
    expect(health.scorer).toMatchObject({ kind: 'transformer', model: 'tiny-sst2 (local) fp32' });
    expect(health.workers.models).toEqual(['tiny-sst2 (local) fp32']);
    const scored = (await api.post('/urgency-score', { text: 'I hate this, it is broken' })).body;
    expect(scored).toMatchObject({ is_urgent: true, model: 'tiny-sst2 (local) fp32' });
    expect(worker.output()).not.toContain(TRIPWIRE_MARKER);
  });

  it('URGENCY_SCORER=transformer exits with a clear error when the model is missing', async () => {
    const failed = spawnWorker(redis.url, { ...transformerEnv, URGENCY_MODEL: '/nonexistent/model' });
    await expect(failed).rejects.toThrow(/exited with 1 before ready[\s\S]*URGENCY_SCORER=transformer, but model directory \/nonexistent\/model does not exist/);
  });

  it('the urgency model with URGENCY_TONE=transformer falls back to VADER for the tone, visibly in /health, and still works', async () => {
    const toneEnv = { URGENCY_SCORER: 'auto', URGENCY_TONE: 'transformer', URGENCY_MODEL: '/nonexistent/model' };
    const fallback = await spawnWorker(redis.url, { ...transformerEnv, ...toneEnv });
    try {
      expect(fallback.output()).toContain('URGENCY TONE FALLBACK');
      const fallbackApi = await startApi(redis.url, {}, await createScorerFromEnv(toneEnv, log));
      try {
        const health = (await fallbackApi.get('/health/details')).body;
        expect(health.scorer).toMatchObject({ kind: 'model', model: 'urgency-v1 (tone: vader-lexicon)' });
        expect(health.scorer.reason).toContain('fallback: tone from vader-lexicon, the transformer is unavailable (model directory <path> does not exist)');
        const gql = await fallbackApi.gql('{ health { scorer { kind reason } workerModels } }');
        expect(gql.data.health.scorer.kind).toBe('model');
        await waitFor(async () => (await fallbackApi.gql('{ health { workerModels } }')).data.health.workerModels.includes('urgency-v1 (tone: vader-lexicon)'), {
          what: 'the fallback worker in health',
        });
      } finally {
        await fallbackApi.close();
      }
    } finally {
      fallback.child.kill('SIGTERM');
      await fallback.exited;
    }
    expect(fallback.output()).not.toContain(TRIPWIRE_MARKER);
  });
});
