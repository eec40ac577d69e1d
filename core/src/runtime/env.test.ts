import { describe, expect, it } from 'vitest';
import { boolVar, ConfigError, intVar, parseEnv, sharedEnvShape } from './env.js';

const DEFAULTS = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: 'iq',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'auto',
  ACTIVITY_MAXLEN: 10_000,
  JOB_ATTEMPTS: 3,
  JOB_BACKOFF_MS: 1_000,
  JOB_RETENTION_SECONDS: 86_400,
  JOB_RETENTION_COUNT: 10_000,
  TICKET_ID_MAX_LENGTH: 128,
  SUBJECT_MAX_LENGTH: 500,
  BODY_MAX_LENGTH: 20_000,
  BATCH_MAX_ITEMS: 1_000,
  HEARTBEAT_INTERVAL_MS: 5_000,
  REDIS_READY_TIMEOUT_MS: 10_000,
  TEAM_QUEUES: ['billing', 'technical', 'legal', 'general'],
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseEnv(sharedEnvShape, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv(sharedEnvShape)', () => {
  it('reads a Redis Cluster as REDIS_CLUSTER_NODES or a redis+cluster:// URL, and team queues as a list', () => {
    const env = parseEnv(sharedEnvShape, {
      REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001',
      REDIS_CLUSTER_NODES: 'a:1,b:2',
      TEAM_QUEUES: ' billing, vip-1 ,billing',
    });
    expect(env).toMatchObject({ REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001', REDIS_CLUSTER_NODES: 'a:1,b:2', TEAM_QUEUES: ['billing', 'vip-1'] });
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a,b' })[0]).toMatch(/^REDIS_CLUSTER_NODES: must be host:port,host:port/);
    expect(problemsOf({ REDIS_URL: 'redis+cluster://a' })[0]).toMatch(/^REDIS_URL: /);
    expect(problemsOf({ TEAM_QUEUES: 'Billing,legal' })[0]).toMatch(/^TEAM_QUEUES: .*not: Billing/);
    expect(problemsOf({ TEAM_QUEUES: ' , ' })[0]).toMatch(/^TEAM_QUEUES: /);
  });

  it('gives the documented defaults for an empty environment', () => {
    expect(parseEnv(sharedEnvShape, {})).toEqual(DEFAULTS);
  });

  it('treats empty strings as unset', () => {
    const env = Object.fromEntries(Object.keys(sharedEnvShape).map((k) => [k, '']));
    expect(parseEnv(sharedEnvShape, env)).toEqual(DEFAULTS);
  });

  it('treats undefined values as unset', () => {
    expect(parseEnv(sharedEnvShape, { REDIS_URL: undefined, JOB_ATTEMPTS: undefined })).toEqual(DEFAULTS);
  });

  it('ignores unrelated variables', () => {
    expect(parseEnv(sharedEnvShape, { PATH: '/usr/bin', HOME: '/root' })).toEqual(DEFAULTS);
  });

  it('reads and coerces given values', () => {
    const env = parseEnv(sharedEnvShape, {
      REDIS_URL: 'rediss://user:secret@cache.example.com:6380/2',
      QUEUE_PREFIX: 'prod-eu.1_a',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      JOB_ATTEMPTS: '5',
      TICKET_ID_MAX_LENGTH: '64',
      BATCH_MAX_ITEMS: '10',
    });
    expect(env).toEqual({
      ...DEFAULTS,
      REDIS_URL: 'rediss://user:secret@cache.example.com:6380/2',
      QUEUE_PREFIX: 'prod-eu.1_a',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      JOB_ATTEMPTS: 5,
      TICKET_ID_MAX_LENGTH: 64,
      BATCH_MAX_ITEMS: 10,
    });
  });

  it('lists EVERY problem of a bad environment at once', () => {
    const problems = problemsOf({ REDIS_URL: 'http://x', JOB_ATTEMPTS: '0', QUEUE_PREFIX: 'a{b' });
    expect(problems).toHaveLength(3);
    for (const name of ['REDIS_URL', 'JOB_ATTEMPTS', 'QUEUE_PREFIX']) {
      expect(problems.filter((p) => p.startsWith(`${name}: `))).toHaveLength(1);
    }
  });

  it('puts every problem into the error message', () => {
    try {
      parseEnv(sharedEnvShape, { REDIS_URL: 'http://x', JOB_ATTEMPTS: '0', QUEUE_PREFIX: 'a{b', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { message, name, problems } = error as ConfigError;
      expect(name).toBe('ConfigError');
      expect(problems).toHaveLength(4);
      expect(message.startsWith('Invalid configuration:')).toBe(true);
      for (const p of problems) expect(message).toContain(`  - ${p}`);
    }
  });

  it.each<[string, string]>([
    ['REDIS_URL', 'http://localhost:6379'],
    ['REDIS_URL', 'not a url'],
    ['QUEUE_PREFIX', 'a}b'],
    ['QUEUE_PREFIX', 'has space'],
    ['QUEUE_PREFIX', 'a:b'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_FORMAT', 'xml'],
    ['JOB_ATTEMPTS', '101'],
    ['JOB_ATTEMPTS', 'three'],
    ['JOB_ATTEMPTS', '2.5'],
    ['ACTIVITY_MAXLEN', '9'],
    ['JOB_BACKOFF_MS', '-1'],
    ['TICKET_ID_MAX_LENGTH', '1025'],
    ['TICKET_ID_MAX_LENGTH', '0'],
    ['SUBJECT_MAX_LENGTH', '0'],
    ['BODY_MAX_LENGTH', '0'],
    ['BATCH_MAX_ITEMS', '0'],
    ['HEARTBEAT_INTERVAL_MS', '99'],
    ['REDIS_READY_TIMEOUT_MS', '99'],
  ])('rejects %s=%j, naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${name}: `)).toBe(true);
  });

  it.each<[string, string, number]>([
    ['JOB_ATTEMPTS', '1', 1],
    ['JOB_ATTEMPTS', '100', 100],
    ['TICKET_ID_MAX_LENGTH', '1024', 1024],
    ['ACTIVITY_MAXLEN', '10', 10],
    ['JOB_BACKOFF_MS', '0', 0],
    ['HEARTBEAT_INTERVAL_MS', '100', 100],
  ])('accepts the bound %s=%s', (name, value, expected) => {
    expect(parseEnv(sharedEnvShape, { [name]: value })).toMatchObject({ [name]: expected });
  });
});

describe('intVar and boolVar', () => {
  it('intVar falls back, coerces and enforces bounds', () => {
    const shape = { N: intVar(7, 2, 9) };
    expect(parseEnv(shape, {})).toEqual({ N: 7 });
    expect(parseEnv(shape, { N: '' })).toEqual({ N: 7 });
    expect(parseEnv(shape, { N: '9' })).toEqual({ N: 9 });
    expect(() => parseEnv(shape, { N: '1' })).toThrow(ConfigError);
    expect(() => parseEnv(shape, { N: '10' })).toThrow(ConfigError);
  });

  it.each<[string | undefined, boolean]>([
    ['1', true],
    ['true', true],
    ['yes', true],
    ['0', false],
    ['false', false],
    ['no', false],
  ])('boolVar reads %j as %s', (value, expected) => {
    expect(parseEnv({ FLAG: boolVar(!expected) }, { FLAG: value })).toEqual({ FLAG: expected });
  });

  it('boolVar falls back to its default when unset or empty, and rejects other words', () => {
    expect(parseEnv({ FLAG: boolVar(true) }, {})).toEqual({ FLAG: true });
    expect(parseEnv({ FLAG: boolVar(false) }, {})).toEqual({ FLAG: false });
    expect(parseEnv({ FLAG: boolVar(true) }, { FLAG: '' })).toEqual({ FLAG: true });
    expect(() => parseEnv({ FLAG: boolVar(true) }, { FLAG: 'maybe' })).toThrow(ConfigError);
  });
});
