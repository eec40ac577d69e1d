import { describe, expect, it } from 'vitest';
import { createKeys, type Keys } from './keys.js';

/** The hash tag Redis Cluster hashes a key by (the content of the first `{...}`), or null. */
function hashTag(key: string): string | null {
  const open = key.indexOf('{');
  if (open < 0) return null;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return null;
  return key.slice(open + 1, close);
}

const KEY_NAMES: (keyof Keys)[] = [
  'bullPrefix',
  'processedIndex',
  'processedTickets',
  'overrides',
  'claims',
  'claimFences',
  'payloads',
  'pending',
  'failedPayloads',
  'failedKept',
  'failedByTicket',
  'claimed',
  'leases',
  'endedClaims',
  'deliveries',
  'deliveryEntries',
  'escalations',
  'alerted',
  'seq',
  'claimOwners',
  'migrationLock',
  'activity',
  'activityChannel',
  'workers',
  'workerInfo',
  'rateLimit',
];

const PREFIXES = ['iq', 'prod-eu.1', 'a_b', 'x', 'iq2', 'IQ'];

describe.each(PREFIXES)('createKeys(%j)', (prefix) => {
  const keys = createKeys(prefix);
  const values = Object.values(keys) as string[];

  it('has every documented key and nothing else', () => {
    expect(Object.keys(keys).sort()).toEqual([...KEY_NAMES].sort());
    for (const value of values) expect(typeof value).toBe('string');
  });

  it('every key starts with the hash tag {prefix} and contains no other brace', () => {
    for (const value of values) {
      expect(value.startsWith(`{${prefix}}:`)).toBe(true);
      expect(hashTag(value)).toBe(prefix);
      expect(value.split('{')).toHaveLength(2);
      expect(value.split('}')).toHaveLength(2);
    }
  });

  it('all keys are distinct', () => {
    expect(new Set(values).size).toBe(KEY_NAMES.length);
  });

  it('none of our own keys falls inside BullMQ\'s namespace', () => {
    for (const name of KEY_NAMES) {
      if (name === 'bullPrefix') continue;
      expect(keys[name].startsWith(`${keys.bullPrefix}:`)).toBe(false);
    }
  });
});

/** Keys of the deployment as a whole: under `{prefix}` whatever the team. */
const SHARED: (keyof Keys)[] = ['deliveries', 'deliveryEntries', 'alerted', 'seq', 'claimOwners', 'migrationLock', 'activityChannel', 'workers', 'workerInfo', 'rateLimit'];

describe('createKeys(prefix, team)', () => {
  const teams = ['billing', 'technical', 'legal', 'general'].map((team) => ({ team, keys: createKeys('iq', team) }));

  it("puts a team's own keys under {prefix:team} and the deployment-wide ones under {prefix}", () => {
    for (const { team, keys } of teams) {
      for (const name of KEY_NAMES) expect(hashTag(keys[name])).toBe(SHARED.includes(name) ? 'iq' : `iq:${team}`);
    }
  });

  it('shares the deployment-wide keys with the team-less set, and no team key with another team', () => {
    const shared = createKeys('iq');
    for (const { keys } of teams) for (const name of SHARED) expect(keys[name]).toBe(shared[name]);
    const own = teams.flatMap(({ keys }) => KEY_NAMES.filter((n) => !SHARED.includes(n)).map((n) => keys[n]));
    expect(new Set(own).size).toBe(own.length);
    for (const value of own) expect(Object.values(shared)).not.toContain(value);
  });
});

describe('different prefixes', () => {
  it('give disjoint key sets', () => {
    const all = PREFIXES.map((p) => Object.values(createKeys(p)) as string[]);
    const union = new Set(all.flat());
    expect(union.size).toBe(PREFIXES.length * KEY_NAMES.length);
  });

  it('give different hash tags, even when one prefix starts with the other', () => {
    expect(hashTag(createKeys('iq').processedIndex)).toBe('iq');
    expect(hashTag(createKeys('iq2').processedIndex)).toBe('iq2');
    expect(createKeys('iq').bullPrefix).not.toBe(createKeys('iq2').bullPrefix);
  });

  it('is deterministic', () => {
    expect(createKeys('iq')).toEqual(createKeys('iq'));
  });
});
