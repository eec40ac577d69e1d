import { describe, expect, it } from 'vitest';
import { ANONYMOUS, KeyRing, parseApiKeys } from './api-keys.js';
import { allows, rolesFor } from './roles.js';

const AGENT_KEY = 'agent-key-0123456789';
const ADMIN_KEY = 'admin-key-0123456789';
const SUBMIT_KEY = 'submit-key-012345678';

describe('parseApiKeys', () => {
  it('reads role:key pairs separated by commas or lines, with comments', () => {
    const { pairs, problems } = parseApiKeys(`agent:${AGENT_KEY}, submit:${SUBMIT_KEY}\n# ops\nadmin:${ADMIN_KEY} # on call\n\n`, 'API_KEYS_FILE', {
      comments: true,
    });
    expect(problems).toEqual([]);
    expect(pairs).toEqual([
      { role: 'agent', key: AGENT_KEY },
      { role: 'submit', key: SUBMIT_KEY },
      { role: 'admin', key: ADMIN_KEY },
    ]);
  });

  it('keeps # inside a key given in the environment', () => {
    expect(parseApiKeys('admin:abc#def0123456789xyz', 'API_KEYS').pairs).toEqual([{ role: 'admin', key: 'abc#def0123456789xyz' }]);
  });

  it('keeps colons inside a key', () => {
    expect(parseApiKeys('admin:abc:def:0123456789xyz', 'API_KEYS').pairs).toEqual([{ role: 'admin', key: 'abc:def:0123456789xyz' }]);
  });

  it('names every bad entry without quoting the key', () => {
    const secret = 'short-secret';
    const { pairs, problems } = parseApiKeys(`boss:${AGENT_KEY},agent:${secret},nokey,submit:${SUBMIT_KEY}`, 'API_KEYS');
    expect(pairs).toEqual([{ role: 'submit', key: SUBMIT_KEY }]);
    expect(problems).toEqual([
      'API_KEYS entry 1: unknown role "boss" (roles: submit, agent, admin)',
      'API_KEYS entry 2: the key is shorter than 16 characters',
      'API_KEYS entry 3: expected role:key',
    ]);
    expect(problems.join(' ')).not.toContain(secret);
    expect(problems.join(' ')).not.toContain(AGENT_KEY);
  });
});

describe('KeyRing', () => {
  const ring = new KeyRing([
    { role: 'agent', key: AGENT_KEY },
    { role: 'submit', key: AGENT_KEY },
    { role: 'admin', key: ADMIN_KEY },
  ]);

  it('identifies a key and merges the roles it is listed with', () => {
    const principal = ring.identify(AGENT_KEY);
    expect(principal?.roles).toEqual(new Set(['agent', 'submit']));
    expect(ring.identify(ADMIN_KEY)?.roles).toEqual(new Set(['admin']));
    expect(ring.size).toBe(2);
  });

  it('gives a fingerprint that is stable, distinct and not the key', () => {
    const id = ring.identify(AGENT_KEY)!.id;
    expect(id).toMatch(/^key:[0-9a-f]{12}$/);
    expect(ring.identify(AGENT_KEY)!.id).toBe(id);
    expect(ring.identify(ADMIN_KEY)!.id).not.toBe(id);
    expect(id).not.toContain(AGENT_KEY.slice(0, 6));
  });

  it.each(['', 'x', AGENT_KEY.slice(0, -1), `${AGENT_KEY} `, AGENT_KEY.toUpperCase()])('knows no key %j', (presented) => {
    expect(ring.identify(presented)).toBeUndefined();
  });
});

describe('roles', () => {
  it('lets each role do its own work and admin everything', () => {
    const submit = new Set(['submit'] as const);
    const agent = new Set(['agent'] as const);
    expect(allows(submit, 'tickets:submit')).toBe(true);
    expect(allows(submit, 'jobs:read')).toBe(true);
    expect(allows(submit, 'queue:read')).toBe(false);
    expect(allows(submit, 'queue:pop')).toBe(false);
    expect(allows(agent, 'queue:read')).toBe(true);
    expect(allows(agent, 'queue:pop')).toBe(true);
    expect(allows(agent, 'tickets:submit')).toBe(false);
    expect(allows(agent, 'queue:admin')).toBe(false);
    for (const action of ['tickets:submit', 'jobs:read', 'urgency:score', 'queue:read', 'queue:pop', 'queue:admin'] as const) {
      expect(allows(new Set(['admin'] as const), action)).toBe(true);
      expect(allows(ANONYMOUS.roles, action)).toBe(true);
      expect(rolesFor(action)).toContain('admin');
    }
  });
});
