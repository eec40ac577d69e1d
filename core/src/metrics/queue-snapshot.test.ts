import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { TriageQueue } from '../jobs/triage-queue.js';
import { createKeys } from '../redis/keys.js';
import { readTeamQueueSnapshots } from './queue-snapshot.js';

const NOW = Date.parse('2024-01-01T00:01:00.000Z');
const SEQ_SPACE = 2 ** 39;
/** A queue score of arrival `seq` at S-band 0 (the arrival is its low part, reversed). */
const scoreOf = (seq: number) => String(SEQ_SPACE - 1 - seq);

/** A Redis answering each team's keys from `data`; a team in `down` fails every read. */
function fakeRedis(data: Record<string, { id: string; seq: number; created_at: string }[]>, down: string[] = []) {
  const teamOf = (key: string) => /^\{iq:([^}]+)\}/.exec(key)?.[1] ?? '';
  const rows = (key: string) => {
    const team = teamOf(key);
    if (down.includes(team)) throw new Error(`shard of ${team} away`);
    return data[team] ?? [];
  };
  return {
    zcard: async (key: string) => rows(key).length,
    zrange: async (key: string, start: string) => (start === '0' ? rows(key).flatMap((r) => [r.id, scoreOf(r.seq)]) : []),
    hget: async (key: string, id: string) => {
      const row = rows(key).find((r) => r.id === id);
      return row ? JSON.stringify({ created_at: row.created_at }) : null;
    },
  } as unknown as Redis;
}

const queue = (active: number) =>
  ({ getJobCounts: async () => ({ waiting: 1, prioritized: 2, delayed: 0, active, completed: 5, failed: 0 }) }) as unknown as TriageQueue;
const team = (name: string, active = 0) => ({ name, keys: createKeys('iq', name), queue: queue(active) });

describe('readTeamQueueSnapshots', () => {
  it("reads each team's queue from its own keys", async () => {
    const redis = fakeRedis({
      billing: [
        { id: 'b-2', seq: 7, created_at: '2024-01-01T00:00:50.000Z' },
        { id: 'b-1', seq: 3, created_at: '2024-01-01T00:00:30.000Z' },
      ],
    });
    const snapshots = await readTeamQueueSnapshots(redis, [team('billing', 2), team('legal')], undefined, () => NOW);
    expect(snapshots).toEqual([
      { team: 'billing', snapshot: { size: 2, oldestAgeSeconds: 30, jobs: { waiting: 3, delayed: 0, active: 2, completed: 5, failed: 0 } } },
      { team: 'legal', snapshot: { size: 0, oldestAgeSeconds: 0, jobs: { waiting: 3, delayed: 0, active: 0, completed: 5, failed: 0 } } },
    ]);
  });

  it('leaves out a team it could not read, tells onError which, and shows the others', async () => {
    const errors: [string, string][] = [];
    const redis = fakeRedis({}, ['legal']);
    const snapshots = await readTeamQueueSnapshots(redis, [team('billing'), team('legal'), team('general')], (error, name) =>
      errors.push([name, (error as Error).message]),
    );
    expect(snapshots.map((s) => s.team)).toEqual(['billing', 'general']);
    expect(errors).toEqual([['legal', 'shard of legal away']]);
  });
});
