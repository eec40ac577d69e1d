import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveAccess } from './access/access-setup.js';
import { KEY_REQUIRED } from './access/authenticate.js';
import type { Budget } from './access/rate-limits.js';
import { parseServerConfig } from './config.js';
import { createRequestContexts, requestIdFrom } from './request-context.js';

const AGENT_KEY = 'agent-key-0123456789abcdef';
const spent: [Budget, string][] = [];
const rateLimits = { take: async (budget: Budget, client: string) => (spent.push([budget, client]), { ok: true as const }) };

function contextsFor(env: Record<string, string>) {
  const config = parseServerConfig({ HOST: '127.0.0.1', ...env });
  return createRequestContexts(config, resolveAccess(config), rateLimits);
}

describe('request contexts', () => {
  it('opens one per HTTP request with its id, and one per socket with an id of its own', () => {
    const contexts = contextsFor({});
    const http = contexts.open({ transport: 'http', id: 'req-7', ip: '10.0.0.1' });
    expect(http).toMatchObject({ id: 'req-7', transport: 'http', ip: '10.0.0.1' });
    expect(http.access).toBeUndefined();
    const [a, b] = [1, 2].map(() => contexts.open({ transport: 'websocket', ip: '10.0.0.2' }));
    expect(a!.id).toMatch(/^ws-\d+$/);
    expect(a!.id).not.toBe(b!.id);
    expect(typeof a!.startedAt).toBe('number');
  });

  it('refuses a foreign Host without keys, and a cross-site page, as 403', () => {
    const contexts = contextsFor({});
    expect(contexts.hostRefusal({ host: 'localhost:8000' })).toBeUndefined();
    expect(contexts.hostRefusal({ host: 'rebound.example' })).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(contexts.crossSiteRefusal({ host: 'localhost:8000', origin: 'http://localhost:5173' })).toBeUndefined();
    expect(contexts.crossSiteRefusal({ host: 'localhost:8000', origin: 'https://evil.example' })).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('answers any Host when keys are required: the key is the check', () => {
    expect(contextsFor({ API_KEYS: `agent:${AGENT_KEY}` }).hostRefusal({ host: 'api.example' })).toBeUndefined();
  });

  it('authenticates a key wherever it came from, and sets who is calling on the context', async () => {
    const contexts = contextsFor({ API_KEYS: `agent:${AGENT_KEY}` });
    const context = contexts.open({ transport: 'websocket', ip: '10.0.0.3' });
    expect(contexts.authenticate(context, undefined)).toEqual({
      ok: false,
      refusal: { status: 401, code: 'UNAUTHENTICATED', message: KEY_REQUIRED },
    });
    expect(context.access).toBeUndefined();
    const authentication = contexts.authenticate(context, `Bearer ${AGENT_KEY}`);
    expect(authentication.ok).toBe(true);
    expect(context.access?.principal.roles).toEqual(new Set(['agent']));
    expect(contexts.accessOf(context)).toBe(context.access);
    await context.access!.take('pop');
    expect(spent.at(-1)).toEqual(['pop', context.access!.principal.id]);
  });

  it('counts anonymous callers by address, and gives a context nobody authenticated no roles', async () => {
    const contexts = contextsFor({});
    const context = contexts.open({ transport: 'http', id: 'req-1', ip: '10.0.0.4' });
    expect(contexts.accessOf(context).principal.roles.size).toBe(0);
    expect(contexts.authenticate(context, undefined).ok).toBe(true);
    expect(context.access?.client).toBe('ip:10.0.0.4');
  });

  it('is where both the HTTP access hook and the WebSocket server get their checks', () => {
    const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
    for (const file of ['./access/access-hook.ts', './graphql/websocket.ts']) {
      const text = source(file);
      expect(text, file).toMatch(/from '\.\.\/request-context\.js'/);
      expect(text, file).not.toMatch(/authenticate\.js|browser-origin\.js|request-access\.js/);
    }
  });
});

describe('requestIdFrom', () => {
  it("takes the caller's X-Request-Id when it is a sane token, else makes a UUID", () => {
    expect(requestIdFrom({ 'x-request-id': 'abc-123_x.y:z' })).toBe('abc-123_x.y:z');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of ['', 'two words', 'quote"d', 'x'.repeat(129), 'line\nbreak']) {
      expect(requestIdFrom({ 'x-request-id': bad })).toMatch(uuid);
    }
    expect(requestIdFrom({})).toMatch(uuid);
  });
});
