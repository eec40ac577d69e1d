import { describe, expect, it } from 'vitest';
import { isLoopback, resolveAccessPolicy } from './access-policy.js';

describe('resolveAccessPolicy', () => {
  it('requires keys and listens everywhere when keys are configured', () => {
    expect(resolveAccessPolicy({ keyCount: 2 })).toEqual({ mode: 'keys', host: '0.0.0.0' });
    expect(resolveAccessPolicy({ keyCount: 1, host: '10.0.0.5' })).toEqual({ mode: 'keys', host: '10.0.0.5' });
  });

  it('stays on loopback without keys, and says so', () => {
    const policy = resolveAccessPolicy({ keyCount: 0 });
    expect(policy).toMatchObject({ mode: 'open', host: '127.0.0.1', notice: { level: 'info' } });
    expect(resolveAccessPolicy({ keyCount: 0, host: '::1' })).toMatchObject({ mode: 'open', host: '::1' });
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'api.example.com'])('refuses to listen on %s without keys or AUTH=none', (host) => {
    const policy = resolveAccessPolicy({ keyCount: 0, host });
    expect(policy).toHaveProperty('problem');
    expect((policy as { problem: string }).problem).toMatch(/^HOST: .*AUTH=none/);
  });

  it('serves without keys anywhere with AUTH=none, as a warning', () => {
    expect(resolveAccessPolicy({ auth: 'none', keyCount: 0 })).toMatchObject({ mode: 'open', host: '0.0.0.0', notice: { level: 'warn' } });
    expect(resolveAccessPolicy({ auth: 'none', keyCount: 0, host: '127.0.0.1' })).toMatchObject({ notice: { level: 'info' } });
  });

  it('refuses to run without keys in production or behind a proxy, unless AUTH=none', () => {
    const policy = resolveAccessPolicy({ keyCount: 0, host: '127.0.0.1', exposed: 'TRUST_PROXY is set' });
    expect((policy as { problem: string }).problem).toMatch(/^API_KEYS: TRUST_PROXY is set and no API keys/);
    expect(resolveAccessPolicy({ keyCount: 0, auth: 'none', host: '127.0.0.1', exposed: 'NODE_ENV=production' })).toMatchObject({ mode: 'open' });
    expect(resolveAccessPolicy({ keyCount: 1, exposed: 'NODE_ENV=production' })).toMatchObject({ mode: 'keys' });
  });

  it('refuses AUTH=none together with keys', () => {
    expect(resolveAccessPolicy({ auth: 'none', keyCount: 1 })).toHaveProperty('problem');
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'localhost.example.com', '128.0.0.1']) expect(isLoopback(host)).toBe(false);
  });
});
