import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '@iq/core/domain';
import { createActivityFeed } from './activity-feed.js';

const CHANNEL = 'iq:activity:live';

/** Just what RedisPubSub asks of its subscriber connection; `publish` plays Redis delivering. */
class FakeSubscriber extends EventEmitter {
  readonly channels = new Set<string>();
  subscribe(channel: string, done: (error: Error | null) => void) {
    this.channels.add(channel);
    done(null);
  }
  unsubscribe(channel: string) {
    this.channels.delete(channel);
  }
  punsubscribe() {}
  async quit() {
    return 'OK';
  }
  publish(message: string) {
    if (this.channels.has(CHANNEL)) this.emit('message', CHANNEL, message);
  }
}

function setup() {
  const subscriber = new FakeSubscriber();
  const warnings: Record<string, unknown>[] = [];
  const log = { warn: (fields: Record<string, unknown>) => void warnings.push(fields) };
  const feed = createActivityFeed({ publisher: subscriber as never, subscriber: subscriber as never, channel: CHANNEL, log: log as never });
  return { subscriber, warnings, feed };
}

const accepted: ActivityEvent = { id: '1-0', ts: '2026-12-02T10:30:05.120Z', type: 'ticket_accepted', data: { ticket_id: 'T-1', job_id: 'T-1~1' } };
const popped: ActivityEvent = { id: '2-0', ts: '2026-12-02T10:30:06.000Z', type: 'ticket_popped', data: { ticket_id: 'T-1', urgency_score: 0.9 } };

describe('ActivityFeed', () => {
  it('hands subscribers the events that hold the contract, skipping and logging the rest', async () => {
    const { subscriber, warnings, feed } = setup();
    const events = feed.events();
    const first = events.next(); // the iterator subscribes on its first pull
    subscriber.publish('not json {');
    subscriber.publish(JSON.stringify({ ...accepted, data: { ticket_id: 42 } }));
    subscriber.publish(JSON.stringify({ ...accepted, type: 'made_up' }));
    subscriber.publish(JSON.stringify(accepted));
    subscriber.publish(JSON.stringify(popped));
    expect(await first).toEqual({ value: accepted, done: false });
    expect(await events.next()).toEqual({ value: popped, done: false });
    expect(warnings).toEqual([
      expect.objectContaining({ reason: 'not JSON' }),
      expect.objectContaining({ type: 'ticket_accepted', reason: 'does not hold the activity-event contract' }),
      expect.objectContaining({ type: 'unknown type', reason: 'does not hold the activity-event contract' }),
    ]);
  });

  it('checks each message once, however many subscribers share it', async () => {
    const { subscriber, warnings, feed } = setup();
    const seen: ActivityEvent[][] = [[], []];
    for (const list of seen) await feed.listen((event) => list.push(event));
    subscriber.publish(JSON.stringify({ id: 'x' }));
    subscriber.publish(JSON.stringify(accepted));
    expect(seen).toEqual([[accepted], [accepted]]);
    expect(warnings).toHaveLength(1);
  });

  it('ends a waiting subscriber on return(), and lets go of the channel', async () => {
    const { subscriber, feed } = setup();
    const events = feed.events();
    const pending = events.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(subscriber.channels.has(CHANNEL)).toBe(true);
    await events.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(subscriber.channels.has(CHANNEL)).toBe(false);
  });
});
