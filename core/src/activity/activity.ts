import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';
import type { ActivityType } from './activity-types.js';

export { ACTIVITY_TYPES, type ActivityType } from './activity-types.js';

export interface ActivityEvent {
  /** Redis stream id: orders events and lets a client ask for what it missed. */
  id: string;
  ts: string;
  type: ActivityType;
  data: Record<string, unknown>;
}

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
  ) {
    this.run = scriptRunner(redis);
  }

  async emit(type: ActivityType, data: Record<string, unknown>): Promise<string> {
    return (await this.run('emitActivity', [this.keys.activity], this.args(type, data))) as string;
  }

  /** The newest `limit` events, newest first. */
  async recent(limit: number): Promise<ActivityEvent[]> {
    const entries = await this.redis.xrevrange(this.keys.activity, '+', '-', 'COUNT', limit);
    return entries.map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      return { id, ts: f.ts ?? '', type: f.type as ActivityType, data: JSON.parse(f.data ?? '{}') };
    });
  }

  private args(type: ActivityType, data: Record<string, unknown>): (string | number)[] {
    return [this.keys.activityChannel, this.maxlen, new Date().toISOString(), type, JSON.stringify(data)];
  }
}
