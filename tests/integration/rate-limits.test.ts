import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startRedisServer, type Api, type RedisServer } from '@iq/testkit';

const SUBMIT_KEY = 'submit-key-0123456789abcdef';
const OTHER_KEY = 'other-submit-0123456789abcdef';
const AGENT_KEY = 'agent-key-0123456789abcdef';

/** Two API instances on one Redis: the budgets are counted in Redis, so they are shared. */
describe('rate limits across API instances', () => {
  let redis: RedisServer;
  let apis: Api[];
  let n = 0;

  const post = (api: Api, key: string, path = '/tickets') =>
    fetch(api.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(path === '/tickets' ? { ticket_id: `rl-${++n}`, subject: 's', body: 'b' } : [{ ticket_id: `rl-${++n}`, subject: 's', body: 'b' }]),
    });

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      API_KEYS: `submit:${SUBMIT_KEY},submit:${OTHER_KEY},agent:${AGENT_KEY}`,
      RATE_LIMIT_SUBMIT: '6',
      RATE_LIMIT_POP: '3',
      RATE_LIMIT_WINDOW_MS: '60000',
    };
    apis = [await startApi(redis.url, env), await startApi(redis.url, env)];
  });
  afterAll(async () => {
    for (const api of apis ?? []) await api.close();
    await redis?.stop();
  });

  it('shares one submission budget per key between instances, REST and GraphQL, then answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(apis[i % 2]!, SUBMIT_KEY, i === 3 ? '/tickets/batch' : '/tickets')).status);
    const gql = (api: Api) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SUBMIT_KEY}` },
        body: JSON.stringify({ query: `mutation { submitTicket(input: {ticketId: "rl-g${++n}", subject: "s", body: "b"}) { jobId } }` }),
      });
    for (const api of apis) statuses.push((await gql(api)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 200, 200]);

    const refused = await post(apis[0]!, SUBMIT_KEY);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await refused.json()).detail).toMatch(/^Rate limit exceeded/);
    expect((await post(apis[1]!, SUBMIT_KEY)).status).toBe(429);

    const viaGraphql = await gql(apis[1]!);
    expect(viaGraphql.status).toBe(429);
    expect(viaGraphql.headers.get('retry-after')).not.toBeNull();
    expect((await viaGraphql.json()).errors[0].extensions.code).toBe('RATE_LIMITED');

    // Another key has its own budget; refused requests enqueued nothing.
    expect((await post(apis[1]!, OTHER_KEY)).status).toBe(202);
    expect(await apis[0]!.services.tickets.size()).toBe(0);
    // Every team queue's jobs together (the tickets go to the team of their category).
    const counts = await Promise.all(apis[0]!.services.jobs.teams.map((t) => t.queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed')));
    expect(counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0)).toBe(7);
  });

  it('counts pops separately from submissions', async () => {
    const pop = (api: Api) => fetch(`${api.url}/tickets/next`, { headers: { authorization: `Bearer ${AGENT_KEY}` } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await pop(apis[i % 2]!)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });
});
