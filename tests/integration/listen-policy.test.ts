import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { freePort, runToExit, spawnApi, startRedisServer, type RedisServer } from '@iq/testkit';

const ADMIN_KEY = 'admin-key-0123456789abcdef';

/** Runs the API's entry point until it exits or `ms` pass; returns its exit code and output. */
const runApi = (env: Record<string, string>, ms?: number) => runToExit('server/src/index.ts', env, ms);

describe('where an API without keys listens', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it.each(['0.0.0.0', '::'])('refuses HOST=%s without API keys or AUTH=none, saying what to set', async (host) => {
    const { code, output } = await runApi({ REDIS_URL: redis.url, PORT: String(await freePort()), HOST: host, API_KEYS: '', AUTH: '' });
    expect(code).toBe(1);
    expect(output).toContain(`HOST: ${host} is not a loopback address and no API keys are configured`);
    expect(output).toContain('AUTH=none');
    expect(output).not.toMatch(/\n\s+at /); // a configuration message, not a stack trace
  });

  it('listens on loopback by default and says so', async () => {
    const port = await freePort();
    const api = await spawnApi(redis.url, port, { HOST: '' });
    try {
      expect(api.output()).toContain('no API keys configured: listening on 127.0.0.1 only');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    } finally {
      await api.kill('SIGTERM');
    }
  });

  it('serves 0.0.0.0 without keys only with AUTH=none, logged as a warning', async () => {
    const port = await freePort();
    const api = await spawnApi(redis.url, port, { HOST: '0.0.0.0', AUTH: 'none' });
    try {
      const warning = api.output().split('\n').find((line) => line.includes('AUTH=none'));
      expect(JSON.parse(warning!).level).toBe(40);
      expect((await fetch(`http://127.0.0.1:${port}/queue/size`)).status).toBe(200);
    } finally {
      await api.kill('SIGTERM');
    }
  });

  it('with keys, listens on every interface and never writes a key to its log', async () => {
    const port = await freePort();
    const api = await spawnApi(redis.url, port, { HOST: '', API_KEYS: `admin:${ADMIN_KEY}`, LOG_LEVEL: 'trace' });
    try {
      const base = `http://127.0.0.1:${port}`;
      const wrong = `${ADMIN_KEY.slice(0, -1)}X`;
      expect((await fetch(`${base}/queue/size`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);
      expect((await fetch(`${base}/queue/size`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status).toBe(200);
      const bad = await fetch(`${base}/tickets`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: '{' });
      expect(bad.status).toBe(422);
      expect(api.output()).toContain('API keys required (1 keys)');
      // Reachable on a non-loopback address of this machine, when it has one.
      const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) expect((await fetch(`http://${external.address}:${port}/health`)).status).toBe(200);
      expect(api.output()).not.toContain(ADMIN_KEY);
      expect(api.output()).not.toContain(wrong);
    } finally {
      await api.kill('SIGTERM');
    }
  });

  it.each([
    [{ API_KEYS: ' , ' }, 'API_KEYS: it is set but holds no role:key pair'],
    [{ NODE_ENV: 'production', HOST: '127.0.0.1' }, 'API_KEYS: NODE_ENV=production and no API keys are configured'],
    [{ TRUST_PROXY: '1', HOST: '127.0.0.1' }, 'API_KEYS: TRUST_PROXY is set and no API keys are configured'],
  ])('refuses to start open by accident: %j', async (env, message) => {
    const { code, output } = await runApi({ REDIS_URL: redis.url, PORT: String(await freePort()), ...env });
    expect(code).toBe(1);
    expect(output).toContain(message);
  });

  it('refuses short keys and unknown roles without quoting them', async () => {
    const { code, output } = await runApi({ REDIS_URL: redis.url, PORT: String(await freePort()), API_KEYS: 'agent:tooshort,boss:abcdefghijklmnopqrstu' });
    expect(code).toBe(1);
    expect(output).toContain('API_KEYS entry 1: the key is shorter than 16 characters');
    expect(output).toContain('API_KEYS entry 2: unknown role "boss"');
    expect(output).not.toContain('tooshort');
    expect(output).not.toContain('abcdefghijklmnopqrstu');
  });
});
