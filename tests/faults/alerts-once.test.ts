import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  popAll,
  spawnWorker,
  startApi,
  startHttpReceiver,
  startRedisServer,
  tally,
  waitFor,
  type Api,
  type HttpReceiver,
  type RedisServer,
  type WorkerProcess,
} from '@iq/testkit';

// Hole 5: 500 urgent tickets through three worker kills. The webhook answers after
// 100 ms, so every kill lands while deliveries are in flight. No ticket is alerted twice:
// a triage job that runs again enqueues the same delivery id (BullMQ adds it once), and a
// delivery whose worker died during a try is not sent again — it ends failed, so at most
// the deliveries the killed worker had in flight are lost, each with webhook_failed. Every
// ticket ends with exactly one webhook_sent or webhook_failed.

const N = 500;
const CONCURRENCY = 8;
const KILLS = 3;
let redis: RedisServer;
let api: Api;
let receiver: HttpReceiver;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startApi(redis.url);
  receiver = await startHttpReceiver(() => ({ status: 200, afterMs: 100 }));
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await api?.close();
  await receiver?.close();
  await redis?.stop();
});

const alertedIds = (): string[] => receiver.requests.map((r) => r.json?.ticket?.ticket_id ?? '?');

/** The final webhook events of each ticket. */
async function finalEvents(): Promise<Map<string, { type: string; data: Record<string, any> }[]>> {
  const byTicket = new Map<string, { type: string; data: Record<string, any> }[]>();
  // Every stream's events: the deployment-wide one (where deliveries go) and the teams'.
  for (const event of await api.services.views.recentActivity(10_000)) {
    if (event.type !== 'webhook_sent' && event.type !== 'webhook_failed') continue;
    const id = String(event.data.ticket_id);
    byTicket.set(id, [...(byTicket.get(id) ?? []), event]);
  }
  return byTicket;
}

describe('urgent tickets through worker kills', () => {
  it('are alerted at most once each', async () => {
    const env = {
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_LOCK_DURATION_MS: '1500',
      WORKER_STALLED_INTERVAL_MS: '500',
      WEBHOOK_URL: `${receiver.url}/alerts`,
      WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    };
    workers.push(await spawnWorker(redis.url, env), await spawnWorker(redis.url, env));
    const ids = Array.from({ length: N }, (_, i) => `urgent-${i}`);
    const res = await api.post('/tickets/batch', ids.map((id) => ({ ticket_id: id, subject: 'Furious', body: 'This is terrible, I am furious, worst service ever!!!' })));
    expect(res.status).toBe(202);

    for (let kill = 1; kill <= KILLS; kill++) {
      await waitFor(() => receiver.requests.length >= (kill * N) / (KILLS + 1), { what: `${kill * 25}% of the alerts`, timeoutMs: 60_000 });
      await workers.shift()!.kill('SIGKILL');
      workers.push(await spawnWorker(redis.url, env));
    }
    await waitFor(async () => (await api.get('/queue/size')).body.size === N, { what: `${N} tickets processed`, timeoutMs: 60_000 });
    // Deliveries run on their own queue, after the triage: wait for each one's outcome.
    const finals = await waitFor(async () => ((await finalEvents()).size === N ? finalEvents() : undefined), {
      what: `an outcome for each of the ${N} alerts`,
      timeoutMs: 60_000,
    });
    await waitFor(() => receiver.hanging() === 0, { what: 'the last alerts answered' });
    expect([...finals].filter(([, events]) => events.length !== 1)).toEqual([]);

    const counts = new Map<string, number>();
    for (const id of alertedIds()) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    const lost = ids.filter((id) => !counts.has(id));
    console.info(`${counts.size} of ${N} alerted once, ${lost.length} lost to the kills, none twice`);
    expect(lost.length).toBeLessThanOrEqual(KILLS * CONCURRENCY);
    // Lost only as a delivery whose worker died during its try, and said so.
    for (const id of lost) expect(finals.get(id)).toEqual([expect.objectContaining({ type: 'webhook_failed', data: expect.objectContaining({ error: expect.stringMatching(/died/) }) })]);
    const sent = [...finals].filter(([, [event]]) => event!.type === 'webhook_sent').map(([id]) => id);
    expect(sent.every((id) => counts.get(id) === 1)).toBe(true);
    expect(tally(new Map(ids.map((id) => [id, 'Furious'])), await popAll(api.url))).toEqual({
      accepted: N,
      popped: N,
      duplicates: [],
      missing: [],
      swapped: [],
    });
  });
});
