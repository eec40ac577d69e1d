import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnApi, spawnWorker, startRedisServer, waitFor, type ApiProcess, type RedisServer, type WorkerProcess } from '@iq/testkit';

// 1,000 tickets taken by 50 agents at once over HTTP (two API processes), under 2 s
// leases, with the reaper running in the two worker processes (one of them SIGKILLed
// half-way). Agents ack, release, extend and ack, or vanish with the ticket (and some
// come back to ack it after the lease ran out, which must be refused). In the end every
// ticket is acked exactly once, none is lost, and no ticket is ever held by two agents
// at once: the test keeps the holder of every ticket and checks each claim against it.

const N = 1_000;
/** TEAM_QUEUES left at its default: the tickets go to the teams of their categories. */
const TEAMS = ['billing', 'technical', 'legal', 'general'];
const AGENTS = 50;
const LEASE_SECONDS = 2;
// Every writer of the activity stream trims it to its own cap: all of them keep the whole run.
const ACTIVITY_MAXLEN = '200000';

let redis: RedisServer;
const apis: ApiProcess[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  const env = { ACTIVITY_MAXLEN };
  apis.push(...(await Promise.all([freePort(), freePort()].map(async (port) => spawnApi(redis.url, await port, env)))));
  // Every worker runs the lease reaper beside its jobs.
  const workerEnv = { ...env, WORKER_CONCURRENCY: '32', LEASE_REAP_INTERVAL_MS: '200' };
  workers.push(...(await Promise.all([spawnWorker(redis.url, workerEnv), spawnWorker(redis.url, workerEnv)])));
});
afterAll(async () => {
  for (const p of [...workers, ...apis]) await p.kill('SIGTERM');
  await redis?.stop();
});

/** A small seeded generator: the agents' choices follow the seed (their interleaving still varies with timing). */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

interface Holder {
  agent: string;
  claimId: string;
  expiresMs: number;
  /** Its agent walked away with it: it is held until its lease runs out, then by nobody. */
  vanished: boolean;
}

describe('1,000 tickets, 50 agents, 2 s leases, the reaper in two workers', () => {
  it('acks every ticket exactly once; none lost, none held by two agents at once', async () => {
    const seed = Number(process.env.LEASE_LOAD_SEED ?? 20261202);
    console.info(`leased-claims load seed: ${seed} (set LEASE_LOAD_SEED to choose another)`);
    const random = mulberry32(seed);
    const ids = Array.from({ length: N }, (_, i) => `lease-${i}`);
    // Equal S for many of them, so releases and expiries must restore the arrival order too.
    const texts = [
      ['Outage', 'Everything is down and we are losing money, this is terrible!'],
      ['Question', 'How do I export my data?'],
      ['Thanks', 'Great service, thank you!'],
    ];
    const submitted = await post(`${apis[0]!.url}/tickets/batch`, ids.map((id, i) => ({ ticket_id: id, subject: texts[i % 3]![0], body: texts[i % 3]![1] })));
    expect(submitted.status).toBe(202);

    const holders = new Map<string, Holder>();
    const acks = new Map<string, number>();
    const violations: string[] = [];
    const counts = { claims: 0, acks: 0, releases: 0, extends: 0, vanished: 0, lateAcksRefused: 0, empty: 0 };
    const lateAcks: Promise<void>[] = [];
    const done = () => acks.size === N;

    const takeOver = (ticketId: string, agent: string, claimId: string, expiresMs: number) => {
      const now = Date.now();
      const previous = holders.get(ticketId);
      if (acks.has(ticketId)) violations.push(`${ticketId} claimed by ${agent} after it was acked`);
      // A vanished holder's lease has run out by the time anyone else gets the ticket: the
      // reaper (or a touch) acts at or after the deadline, the new claim after that.
      if (previous && !(previous.vanished && previous.expiresMs <= now)) {
        violations.push(`${ticketId} claimed by ${agent} while ${previous.agent} held it (claim ${previous.claimId}, until ${previous.expiresMs}, now ${now})`);
      }
      holders.set(ticketId, { agent, claimId, expiresMs, vanished: false });
    };

    const agentLoop = async (n: number) => {
      const agent = `agent-${n}`;
      const api = apis[n % apis.length]!.url;
      while (!done()) {
        const res = await post(`${api}/tickets/claim`, { lease_seconds: LEASE_SECONDS, agent });
        if (res.status === 404) {
          counts.empty++;
          await sleep(50);
          continue;
        }
        if (res.status !== 200) {
          violations.push(`claim answered ${res.status}: ${JSON.stringify(res.body)}`);
          continue;
        }
        counts.claims++;
        const { ticket_id: ticketId, claim_id: claimId } = res.body;
        if (res.body.agent !== agent) violations.push(`${ticketId} claimed for ${res.body.agent}, not ${agent}`);
        takeOver(ticketId, agent, claimId, Date.parse(res.body.lease_expires_at));
        const path = `${api}/tickets/${encodeURIComponent(ticketId)}`;
        await sleep(random() * 30); // the agent reads the ticket

        const roll = random();
        if (roll < 0.15) {
          // Vanishes: the client dies with the ticket. A third of them come back too late.
          counts.vanished++;
          holders.get(ticketId)!.vanished = true;
          if (random() < 1 / 3) {
            const expiresMs = holders.get(ticketId)!.expiresMs;
            lateAcks.push(
              (async () => {
                await waitFor(() => Date.now() > expiresMs, { what: `the lease of ${ticketId} to run out`, timeoutMs: 10_000 });
                const late = await post(`${path}/ack`, { claim_id: claimId });
                if (late.status === 409 && late.body.detail.startsWith('Claim expired')) counts.lateAcksRefused++;
                else violations.push(`late ack of ${ticketId} answered ${late.status}: ${JSON.stringify(late.body)}`);
              })(),
            );
          }
          continue;
        }
        if (roll < 0.35) {
          // Gives it back; from the moment it asks, someone else may have it.
          holders.delete(ticketId);
          const released = await post(`${path}/release`, { claim_id: claimId });
          if (released.status === 200) counts.releases++;
          else violations.push(`release of ${ticketId} answered ${released.status}: ${JSON.stringify(released.body)}`);
          continue;
        }
        if (roll < 0.45) {
          const extended = await post(`${path}/extend`, { claim_id: claimId, lease_seconds: LEASE_SECONDS });
          if (extended.status !== 200) violations.push(`extend of ${ticketId} answered ${extended.status}: ${JSON.stringify(extended.body)}`);
          else {
            counts.extends++;
            holders.get(ticketId)!.expiresMs = Date.parse(extended.body.lease_expires_at);
          }
        }
        const acked = await post(`${path}/ack`, { claim_id: claimId });
        if (acked.status === 200 && acked.body.ticket_id === ticketId && acked.body.claim_id === claimId) {
          counts.acks++;
          acks.set(ticketId, (acks.get(ticketId) ?? 0) + 1);
          holders.delete(ticketId);
        } else {
          violations.push(`ack of ${ticketId} answered ${acked.status}: ${JSON.stringify(acked.body)}`);
        }
      }
    };

    const agents = Array.from({ length: AGENTS }, (_, n) => agentLoop(n));
    // Half-way, one worker (and its reaper) dies without a goodbye; the other goes on alone.
    await waitFor(() => acks.size >= N / 2, { what: 'half the tickets acked', timeoutMs: 90_000 });
    await workers[0]!.kill('SIGKILL');
    await waitFor(done, { what: `${N} tickets acked (${acks.size} so far)`, timeoutMs: 90_000, intervalMs: 100 });
    await Promise.all(agents);
    await Promise.all(lateAcks);
    console.info(`leased-claims load: ${JSON.stringify(counts)}`);

    expect(violations).toEqual([]);
    expect([...acks.keys()].sort()).toEqual([...ids].sort());
    expect([...acks.values()].every((n) => n === 1)).toBe(true);
    expect(counts.acks).toBe(N);
    expect(counts.vanished).toBeGreaterThan(0);
    expect(counts.releases).toBeGreaterThan(0);

    // Nothing left anywhere, in any team: not queued, not claimed, no lease, every id free again.
    for (const team of TEAMS) {
      const tag = `{iq:${team}}`;
      expect(await redis.client.zcard(`${tag}:processed`), team).toBe(0);
      expect(await redis.client.zcard(`${tag}:claimed`), team).toBe(0);
      expect(await redis.client.hlen(`${tag}:leases`), team).toBe(0);
      expect(await redis.client.hlen(`${tag}:tickets`), team).toBe(0);
      expect(await redis.client.hlen(`${tag}:claims`), team).toBe(0);
    }
    expect(await redis.client.hlen('{iq}:claims:owners')).toBe(0);

    // The activity streams tell the same story: per ticket, one ack, and every claim ended once.
    const streams = await Promise.all(TEAMS.map((team) => redis.client.xrange(`{iq:${team}}:activity`, '-', '+')));
    // The texts go to more than one team: the claims above were taken across teams.
    expect(streams.filter((entries) => entries.length > 0).length).toBeGreaterThan(1);
    const entries = streams.flat();
    const per = new Map<string, Record<string, number>>();
    for (const [, fields] of entries) {
      const type = fields[fields.indexOf('type') + 1]!;
      const data = JSON.parse(fields[fields.indexOf('data') + 1]!) as { ticket_id?: string };
      if (!data.ticket_id) continue;
      const c = per.get(data.ticket_id) ?? {};
      c[type] = (c[type] ?? 0) + 1;
      per.set(data.ticket_id, c);
    }
    let claimed = 0;
    let expired = 0;
    for (const id of ids) {
      const c = per.get(id) ?? {};
      expect(c.ticket_acked, id).toBe(1);
      expect(c.ticket_claimed, id).toBe((c.ticket_acked ?? 0) + (c.ticket_released ?? 0) + (c.claim_expired ?? 0));
      claimed += c.ticket_claimed ?? 0;
      expired += c.claim_expired ?? 0;
    }
    expect(claimed).toBe(counts.claims);
    expect(expired).toBe(counts.vanished);

    // And an acked id may be submitted again as a new ticket.
    const again = await post(`${apis[1]!.url}/tickets`, { ticket_id: ids[0], subject: 'Again', body: 'A new ticket.' });
    expect(again.body).toMatchObject({ ticket_id: ids[0], duplicate: false });
  });
});
