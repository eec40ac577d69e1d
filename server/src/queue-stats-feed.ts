import { Repeater } from 'graphql-yoga';
import type { QueueStats } from '@iq/core';
import type { ActivityFeed } from './activity-feed.js';

/**
 * Live queue statistics for every `queueStats` subscriber of this API instance.
 *
 * Every change to the queue is also an activity event on Redis pub/sub (from any worker
 * or API instance), so the feed listens to the activity feed and recomputes the stats at
 * most once per `throttleMs`, however many events arrive or clients listen.
 */
export class QueueStatsFeed {
  private readonly listeners = new Set<(stats: QueueStats) => unknown>();
  private subscription: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly activity: Pick<ActivityFeed, 'listen' | 'unlisten'>,
    private readonly compute: () => Promise<QueueStats>,
    private readonly throttleMs: number,
  ) {}

  /** Current stats first, then one value per (throttled) change. */
  subscribe(): AsyncIterable<QueueStats> {
    return new Repeater<QueueStats>(async (push, stop) => {
      this.listeners.add(push);
      this.subscription ??= this.activity.listen(() => this.schedule());
      await this.subscription;
      await push(await this.compute());
      await stop;
      this.listeners.delete(push);
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    if (this.subscription) this.activity.unlisten(await this.subscription);
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
