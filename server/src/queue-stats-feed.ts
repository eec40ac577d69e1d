import { Repeater } from 'graphql-yoga';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import type { QueueStats } from '@iq/core';

/**
 * Live queue statistics for every `queueStats` subscriber of this API instance.
 *
 * Every change to the queue is also an activity event on Redis pub/sub (from any worker
 * or API instance), so the feed listens to that channel and recomputes the stats at
 * most once per `throttleMs`, however many events arrive or clients listen.
 */
export class QueueStatsFeed {
  private readonly listeners = new Set<(stats: QueueStats) => unknown>();
  private subscription: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pubsub: RedisPubSub,
    private readonly channel: string,
    private readonly compute: () => Promise<QueueStats>,
    private readonly throttleMs: number,
  ) {}

  /** Current stats first, then one value per (throttled) change. */
  subscribe(): AsyncIterable<QueueStats> {
    return new Repeater<QueueStats>(async (push, stop) => {
      this.listeners.add(push);
      this.subscription ??= this.pubsub.subscribe(this.channel, () => this.schedule());
      await this.subscription;
      await push(await this.compute());
      await stop;
      this.listeners.delete(push);
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    if (this.subscription) this.pubsub.unsubscribe(await this.subscription);
  }

  private schedule(): void {
    if (this.timer || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.compute().then(
        (stats) => this.listeners.forEach((push) => push(stats)),
        () => undefined, // Redis hiccup: the next event recomputes.
      );
    }, this.throttleMs);
  }
}
