import { describe, expect, it } from 'vitest';
import { runToExit } from '@iq/testkit';

// `npm start` checks the variables of every service it would start, before starting any
// (Redis included): all problems at once, each naming the variable and who reads it.
describe('npm start with invalid variables', () => {
  it('lists every problem of every service and starts nothing', async () => {
    const { code, output } = await runToExit('scripts/start.ts', {
      REDIS_URL: 'http://not-redis',
      JOB_ATTEMPTS: '0',
      PORT: '99999',
      WORKER_CONCURRENCY: '0',
      NO_COLOR: '1',
    });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration, nothing was started:');
    expect(output).toMatch(/- REDIS_URL: .+ \(api, worker\)/);
    expect(output).toMatch(/- JOB_ATTEMPTS: .+ \(api, worker\)/);
    expect(output).toMatch(/- PORT: .+ \(api\)/);
    expect(output).toMatch(/- WORKER_CONCURRENCY: .+ \(worker\)/);
    expect(output).not.toMatch(/\[(api|worker|redis)\s*\]/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("includes the API's key rules, without quoting a key", async () => {
    const { code, output } = await runToExit('scripts/start.ts', { API_KEYS: 'admin:too-short-key', NO_COLOR: '1' });
    expect(code).toBe(1);
    expect(output).toMatch(/- API_KEYS entry 1: the key is shorter than 16 characters \(api\)/);
    expect(output).not.toContain('too-short-key');
    expect(output).not.toMatch(/\[(api|worker|redis)\s*\]/);
  });
});
