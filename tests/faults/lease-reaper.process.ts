/**
 * A lease reaper on its own, as a process (what every worker runs beside its jobs), for
 * the fault tests: `node --import tsx tests/faults/lease-reaper.process.ts` with
 * REDIS_URL, and optionally QUEUE_PREFIX, ACTIVITY_MAXLEN and LEASE_REAP_INTERVAL_MS.
 * Logs "reaper ready" once it runs; SIGTERM stops it after its current pass.
 */
import { LeaseReaper, TicketLeases, createKeys, createLogger, createRedis, waitForReady } from '@iq/core';

const env = process.env;
const log = createLogger({ name: 'reaper', level: env.LOG_LEVEL ?? 'info', format: 'json' });
const redis = createRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', { name: 'iq-test-reaper' });
redis.on('error', (error: Error) => log.warn({ err: error.message }, 'redis error'));
await waitForReady(redis);
const leases = new TicketLeases(redis, createKeys(env.QUEUE_PREFIX ?? 'iq'), Number(env.ACTIVITY_MAXLEN ?? 10_000));
const reaper = new LeaseReaper(leases).start(Number(env.LEASE_REAP_INTERVAL_MS ?? 1_000), log);
log.info({ pid: process.pid }, 'reaper ready');
process.once('SIGTERM', () => {
  void reaper.stop().then(() => redis.disconnect());
});
