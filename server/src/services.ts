import type { Redis } from 'ioredis';
import {
  ActivityLog,
  ConnectionStateLog,
  TicketIntake,
  TicketStore,
  QueueReader,
  TicketLeases,
  createKeys,
  createMetrics,
  createRedis,
  createTriageQueue,
  jobPolicyFromEnv,
  limitsFromEnv,
  queueStats,
  waitForReady,
  type Keys,
  type Logger,
  type Scorer,
  type TicketLimits,
  type TriageQueue,
  type Metrics,
} from '@iq/core';
import type { ServerConfig } from './config.js';
import { QueueStatsFeed } from './queue-stats-feed.js';
import { createActivityFeed, type ActivityFeed } from './activity-feed.js';
import { resolveAccess, type AccessSetup } from './access/access-setup.js';

/** Everything the REST shim and GraphQL resolvers share; built once per process. */
export interface Services {
  config: ServerConfig;
  /** API keys and the listening policy. */
  access: AccessSetup;
  log: Logger;
  keys: Keys;
  limits: TicketLimits;
  redis: Redis;
  queue: TriageQueue;
  store: TicketStore;
  /** Leased claims: what agents hold, and for how long. */
  leases: TicketLeases;
  activity: ActivityLog;
  intake: TicketIntake;
  scorer: Scorer;
  /** This process's Prometheus metrics (served by registerMetrics). */
  metrics: Metrics;
  /** Live activity events, checked against the contract. */
  activityFeed: ActivityFeed;
  stats: QueueStatsFeed;
  /** The queue as agents browse it: filtered, sorted, paged, one ticket, counts by S. */
  reader: QueueReader;
  close(): Promise<void>;
}

export async function createServices(
  config: ServerConfig,
  log: Logger,
  scorer: Scorer,
  access: AccessSetup = resolveAccess(config),
): Promise<Services> {
  const keys = createKeys(config.QUEUE_PREFIX);
  const redis = createRedis(config.REDIS_URL, { name: 'iq-api' });
  const publisher = createRedis(config.REDIS_URL, { name: 'iq-api-pub' });
  const subscriber = createRedis(config.REDIS_URL, { blocking: true, name: 'iq-api-sub' });
  // One line when Redis goes away and one when it is back, however many connections fail.
  const redisState = new ConnectionStateLog(log);
  for (const connection of [redis, publisher, subscriber]) {
    redisState.watchClient(connection, (error) => log.warn({ err: error.message }, 'redis error'));
  }
  await Promise.all([redis, subscriber].map((c) => waitForReady(c, config.REDIS_READY_TIMEOUT_MS))).catch((error: unknown) => {
    // A caller that goes on (a test, a supervisor in-process) must not inherit clients reconnecting forever.
    for (const connection of [redis, publisher, subscriber]) connection.disconnect();
    throw error;
  });

  const jobPolicy = jobPolicyFromEnv(config);
  const queue = createTriageQueue(redis, keys, jobPolicy);
  // Without a listener BullMQ prints connection errors straight to the console.
  redisState.watchErrors(queue, (error) => log.warn({ err: error.message }, 'queue error'));
  const metrics = createMetrics({ process: 'api' });
  // REST and GraphQL both pop through the store and submit through the intake: counted once.
  const store = new TicketStore(redis, keys, config.ACTIVITY_MAXLEN, { retention: jobPolicy, onPopped: () => metrics.ticketsPopped.inc() });
  const activity = new ActivityLog(redis, keys, config.ACTIVITY_MAXLEN);
  const activityFeed = createActivityFeed({ publisher, subscriber, channel: keys.activityChannel, log });
  const stats = new QueueStatsFeed(activityFeed, () => queueStats(queue, store), config.QUEUE_STATS_THROTTLE_MS);

  return {
    config,
    access,
    log,
    keys,
    limits: limitsFromEnv(config),
    redis,
    queue,
    store,
    leases: new TicketLeases(redis, keys, config.ACTIVITY_MAXLEN),
    activity,
    intake: new TicketIntake(queue, store, (count) => metrics.ticketsAccepted.inc(count)),
    scorer,
    metrics,
    activityFeed,
    stats,
    reader: new QueueReader(redis, keys),
    async close() {
      await stats.close();
      await queue.close();
      await activityFeed.close();
      redis.disconnect();
    },
  };
}
