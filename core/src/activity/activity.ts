import type { Redis } from 'ioredis';
import type { ActivityEvent, ActivityEventMap, ActivityType } from '../domain/activity-events.js';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';

/**
 * The arguments every event-recording script takes first, in this order (ARGV[1..3]):
 * the pub/sub channel, the stream cap and the event time.
 */
export type EventArgs = [channel: string, maxlen: number, ts: string];

export const eventArgs = (keys: Keys, maxlen: number, ts = new Date().toISOString()): EventArgs => [keys.activityChannel, maxlen, ts];

/** An event's data as a script receives it: JSON the type checker has seen. */
export const eventData = <T extends ActivityType>(_type: T, data: ActivityEventMap[T]): string => JSON.stringify(data);

/**
 * The activity log: a capped Redis stream (history, survives API restarts) plus a
 * pub/sub channel (live). Both are written by one Lua script, so they never disagree.
 */
export class ActivityLog {
  private readonly run: RunScript;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly maxlen: number,
    /** A team's stream: its events' ids end with `-<team>`, as emit-activity.lua publishes them. */
    private readonly team?: string,
  ) {
    this.run = scriptRunner(redis);
  }

  async emit<T extends ActivityType>(type: T, data: ActivityEventMap[T]): Promise<string> {
    return this.run('emitActivity', [this.keys.activity], [...eventArgs(this.keys, this.maxlen), type, eventData(type, data)]);
  }

  /** The newest `limit` events, newest first. */
  async recent(limit: number): Promise<ActivityEvent[]> {
    const entries = await this.redis.xrevrange(this.keys.activity, '+', '-', 'COUNT', limit);
    return entries.map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      // History is served as it was written, also by older versions: no contract check here.
      return { id: this.team === undefined ? id : `${id}-${this.team}`, ts: f.ts ?? '', type: f.type, data: JSON.parse(f.data ?? '{}') } as ActivityEvent;
    });
  }
}
