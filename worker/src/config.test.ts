import { describe, expect, it } from 'vitest';
import { ConfigError } from '@iq/core';
import { parseWorkerConfig } from './config.js';

describe('worker configuration', () => {
  it('has a default for every variable', () => {
    const config = parseWorkerConfig({});
    expect(config).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      WORKER_CONCURRENCY: 16,
      WEBHOOK_TIMEOUT_MS: 2000,
      WEBHOOK_MIN_URGENCY: 0.8,
      WEBHOOK_FORMAT: 'auto',
      WEBHOOK_ATTEMPTS: 8,
      WEBHOOK_BACKOFF_MS: 1000,
      WEBHOOK_CONCURRENCY: 8,
      WEBHOOK_LOG_SIZE: 200,
      ESCALATE_AFTER_SECONDS: 900,
      ESCALATE_INTERVAL_MS: 5000,
      JOB_ATTEMPTS: 3,
    });
    expect(config.WEBHOOK_URL).toBeUndefined();
    expect(config.WEBHOOK_SECRET).toBeUndefined();
  });

  it('takes the generic webhook format, and refuses a short secret without repeating it', () => {
    expect(parseWorkerConfig({ WEBHOOK_FORMAT: 'generic' }).WEBHOOK_FORMAT).toBe('generic');
    expect(parseWorkerConfig({ ESCALATE_AFTER_SECONDS: '0' }).ESCALATE_AFTER_SECONDS).toBe(0);
    let error: unknown;
    try {
      parseWorkerConfig({ WEBHOOK_SECRET: 'hunter2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('WEBHOOK_SECRET');
    expect((error as ConfigError).message).not.toContain('hunter2');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseWorkerConfig({ WORKER_CONCURRENCY: '0', WEBHOOK_URL: 'ftp://hooks.example', WEBHOOK_MIN_URGENCY: '2', WEBHOOK_FORMAT: 'teams' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['WORKER_CONCURRENCY', 'WEBHOOK_URL', 'WEBHOOK_MIN_URGENCY', 'WEBHOOK_FORMAT']) expect(problems).toContain(name);
  });
});

describe('WORKER_METRICS_PORT', () => {
  it('is off (0) unless set, and must be a port', () => {
    expect(parseWorkerConfig({}).WORKER_METRICS_PORT).toBe(0);
    expect(parseWorkerConfig({ WORKER_METRICS_PORT: '9464' }).WORKER_METRICS_PORT).toBe(9464);
    for (const bad of ['-1', '65536', 'http']) expect(() => parseWorkerConfig({ WORKER_METRICS_PORT: bad }), bad).toThrow(ConfigError);
  });
});

describe('WORKER_TEAMS', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      parseWorkerConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  };

  it('serves every team of TEAM_QUEUES unless set', () => {
    expect(parseWorkerConfig({}).WORKER_TEAMS).toEqual(['billing', 'technical', 'legal', 'general']);
    expect(parseWorkerConfig({ TEAM_QUEUES: 'a,b' }).WORKER_TEAMS).toEqual(['a', 'b']);
    // Empty counts as unset.
    expect(parseWorkerConfig({ WORKER_TEAMS: '' }).WORKER_TEAMS).toHaveLength(4);
  });

  it('takes some of the teams, comma-separated, in TEAM_QUEUES order and once each', () => {
    expect(parseWorkerConfig({ WORKER_TEAMS: ' legal , billing,legal' }).WORKER_TEAMS).toEqual(['billing', 'legal']);
    expect(parseWorkerConfig({ TEAM_QUEUES: 'a,b,c', WORKER_TEAMS: 'c' }).WORKER_TEAMS).toEqual(['c']);
  });

  it('refuses a team not in TEAM_QUEUES, or none, naming WORKER_TEAMS', () => {
    const [problem] = problemsOf({ WORKER_TEAMS: 'billing,sales' });
    expect(problem).toMatch(/^WORKER_TEAMS: sales not in TEAM_QUEUES \(billing, technical, legal, general\)/);
    expect(problemsOf({ TEAM_QUEUES: 'a,b', WORKER_TEAMS: 'billing' })[0]).toContain('WORKER_TEAMS');
    expect(problemsOf({ WORKER_TEAMS: ' , ' })[0]).toContain('WORKER_TEAMS');
  });

  it('is listed with the other problems at once', () => {
    const problems = problemsOf({ WORKER_TEAMS: 'sales', WORKER_CONCURRENCY: '0' }).join('\n');
    expect(problems).toContain('WORKER_TEAMS');
    expect(problems).toContain('WORKER_CONCURRENCY');
  });
});
