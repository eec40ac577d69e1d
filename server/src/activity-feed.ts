import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import type { Logger } from '@iq/core';
import { ACTIVITY_TYPES, parseActivityEvent, type ActivityEvent } from '@iq/core/domain';
import { throttledWarning } from './throttled-warning.js';

/**
 * The live activity events of every worker and API instance (Redis pub/sub), each checked
 * against the domain's contract once, as it arrives: subscribers only ever see events that
 * hold it. A malformed message is skipped and logged.
 */
export interface ActivityFeed {
  /** One subscriber's events; `return()` ends its share of the Redis subscription. */
  events(): AsyncIterableIterator<ActivityEvent>;
  /** Calls `onEvent` for each event; resolves, with an id for `unlisten`, once Redis delivers. */
  listen(onEvent: (event: ActivityEvent) => void): Promise<number>;
  unlisten(id: number): void;
  close(): Promise<void>;
}

export interface ActivityFeedOptions {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
  log: Pick<Logger, 'warn'>;
}

/** Bounded, so a publisher inventing types cannot grow the warning's memory. */
const warningKey = (value: unknown): string => {
  const type = (value as { type?: unknown } | null)?.type;
  return ACTIVITY_TYPES.includes(type as never) ? (type as string) : 'unknown type';
};

export function createActivityFeed({ publisher, subscriber, channel, log }: ActivityFeedOptions): ActivityFeed {
  const warn = throttledWarning(log, 'malformed activity event skipped');
  /** Runs once per message however many subscribers share it (RedisPubSub fans out after). */
  const deserializer = (source: string | Buffer): ActivityEvent | null => {
    let value: unknown;
    try {
      value = JSON.parse(source.toString());
    } catch {
      warn('not JSON', { type: null, reason: 'not JSON' });
      return null;
    }
    const event = parseActivityEvent(value);
    if (!event) {
      const key = warningKey(value);
      warn(key, { type: key, reason: 'does not hold the activity-event contract' });
    }
    return event;
  };
  const pubsub = new RedisPubSub({ publisher, subscriber, deserializer });

  return {
    events() {
      const source = pubsub.asyncIterator<ActivityEvent | null>(channel);
      // Not an async generator: one waiting for the next message could not be ended until
      // a message came, and its Redis subscription would outlive the client.
      const iterator: AsyncIterableIterator<ActivityEvent> = {
        async next() {
          for (;;) {
            const result = await source.next();
            if (result.done || result.value !== null) return result as IteratorResult<ActivityEvent>;
          }
        },
        return: () => source.return(),
        throw: (error) => source.throw(error),
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
    listen: (onEvent) => pubsub.subscribe<ActivityEvent | null>(channel, (event) => event && onEvent(event)),
    unlisten: (id) => pubsub.unsubscribe(id),
    close: async () => void (await pubsub.close().catch(() => undefined)),
  };
}
