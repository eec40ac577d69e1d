import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  popAll,
  spawnWorker,
  startApi,
  startRedisServer,
  tally,
  unfinishedAcceptances,
  waitFor,
  type Api,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// A run that held before and must keep holding: workers SIGKILLed three times while
// 2,000 tickets are submitted; every one is processed exactly once.

const N = 2000;
const BATCH = 100;
let redis: RedisServer;
let api: Api;
const workers: WorkerProcess[] = [];
const env = { WORKER_CONCURRENCY: '8', WORKER_LOCK_DURATION_MS: '1500', WORKER_STALLED_INTERVAL_MS: '500' };

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  workers.push(await spawnWorker(redis.url, env), await spawnWorker(redis.url, env));
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await api?.close();
  await redis?.stop();
});

describe('workers SIGKILLed three times during 2,000 submissions', () => {
  it('process every ticket exactly once', async () => {
    const accepted = new Map<string, string>();
    for (let i = 0; i < N; i += BATCH) {
      const tickets = Array.from({ length: BATCH }, (_, k) => ({ ticket_id: `wk-${i + k}`, subject: `subject ${i + k}`, body: 'Please help.' }));
      const res = await api.post('/tickets/batch', tickets);
      expect(res.status).toBe(202);
      for (const t of tickets) accepted.set(t.ticket_id, t.subject);
      // After a quarter, a half and three quarters of the submissions.
      if (i % (N / 4) === N / 4 - BATCH && i < N - BATCH) {
        await workers.shift()!.kill('SIGKILL');
        workers.push(await spawnWorker(redis.url, env));
      }
    }
    await waitFor(async () => (await api.get('/queue/size')).body.size === N, { what: `${N} processed`, timeoutMs: 90_000 });
    const result = tally(accepted, await popAll(api.url));
    console.info(`${'workers SIGKILLed ×3'}: ${JSON.stringify({ ...result, duplicates: result.duplicates.length, missing: result.missing.length, swapped: result.swapped.length })}`);
    expect(result).toEqual({ accepted: N, popped: N, duplicates: [], missing: [], swapped: [] });
    // Every acceptance, in each team's own stream, is followed by its end.
    let acceptances = 0;
    for (const team of api.services.teams.all) {
      expect(await unfinishedAcceptances(redis.client, team.keys.activity), team.name).toEqual([]);
      acceptances += (await redis.client.xrange(team.keys.activity, '-', '+')).filter(([, fields]) => fields.includes('ticket_accepted')).length;
    }
    expect(acceptances).toBe(N);
  });
});
