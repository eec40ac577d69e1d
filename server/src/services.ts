import type { Redis } from 'ioredis';
import {
  ConnectionStateLog,
  CrossTeamQueue,
  CrossTeamViews,
  TeamJobs,
  TeamSet,
  TicketIntake,
  createMetrics,
  createRedis,
  jobPolicyFromEnv,
  limitsFromEnv,
  redisUrlOf,
  waitForReady,
  type Keys,
  type Logger,
  type Scorer,
  type TicketLimits,
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
  /** The deployment-wide keys (`{prefix}`): workers, webhook deliveries, rate limits, the live channel. */
  keys: Keys;
  limits: TicketLimits;
  redis: Redis;
  /** The team queues (TEAM_QUEUES), each under its own hash tag. */
  teams: TeamSet;
  /** Pops, claims and per-ticket steps across the teams asked for. */
  tickets: CrossTeamQueue;
  /** Reads merged across teams: queue pages, counts by S, claimed tickets, activity history. */
  views: CrossTeamViews;
  /** The teams' BullMQ triage queues: job states, failed jobs, retries, counts. */
  jobs: TeamJobs;
  intake: TicketIntake;
  scorer: Scorer;
  /** This process's Prometheus metrics (served by registerMetrics). */
  metrics: Metrics;
  /** Live activity events, checked against the contract. */
  activityFeed: ActivityFeed;
  stats: QueueStatsFeed;
  close(): Promise<void>;
}

export async function createServices(
  config: ServerConfig,
  log: Logger,
  scorer: Scorer,
  access: AccessSetup = resolveAccess(config),
): Promise<Services> {
  const url = redisUrlOf(config);
  const redis = createRedis(url, { name: 'iq-api' });
  const publisher = createRedis(url, { name: 'iq-api-pub' });
  const subscriber = createRedis(url, { blocking: true, name: 'iq-api-sub' });
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
  const metrics = createMetrics({ process: 'api', teams: config.TEAM_QUEUES });
  // REST and GraphQL both pop through the teams and submit through the intake: counted once.
  const teams = new TeamSet(redis, {
    prefix: config.QUEUE_PREFIX,
    teams: config.TEAM_QUEUES,
    activityMaxlen: config.ACTIVITY_MAXLEN,
    retention: jobPolicy,
    onPopped: (team) => metrics.ticketsPopped.inc({ team }),
  });
  const keys = teams.shared;
  const jobs = new TeamJobs(teams, redis, jobPolicy);
  // Without a listener BullMQ prints connection errors straight to the console.
  for (const { queue } of jobs.teams) redisState.watchErrors(queue, (error) => log.warn({ err: error.message }, 'queue error'));
  const activityFeed = createActivityFeed({ publisher, subscriber, channel: keys.activityChannel, log });
  const stats = new QueueStatsFeed(activityFeed, () => jobs.stats(), config.QUEUE_STATS_THROTTLE_MS);
  const tickets = new CrossTeamQueue(teams);

  return {
    config,
    access,
    log,
    keys,
    limits: limitsFromEnv(config),
    redis,
    teams,
    tickets,
    views: new CrossTeamViews(teams),
    jobs,
    intake: new TicketIntake(tickets, jobs, (count) => metrics.ticketsAccepted.inc(count)),
    scorer,
    metrics,
    activityFeed,
    stats,
    async close() {
      await stats.close();
      await jobs.close();
      await activityFeed.close();
      redis.disconnect();
    },
  };
}
