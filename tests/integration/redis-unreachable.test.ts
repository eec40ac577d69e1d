import { describe, expect, it } from 'vitest';
import { freePort, runToExit } from '@iq/testkit';

// Nothing listens on a fresh free port: each process gives up after REDIS_READY_TIMEOUT_MS
// with one sentence (where, why, what to do) and exit code 1, not a stack trace or an
// endless retry.
describe.each([
  ['the API', 'server/src/index.ts'],
  ['the worker', 'worker/src/index.ts'],
])('%s with an unreachable Redis', (_name, entry) => {
  it('says where Redis was looked for and what to do, once, and exits 1', async () => {
    const port = await freePort();
    const { code, output } = await runToExit(entry, {
      REDIS_URL: `redis://user:hunter2-secret@127.0.0.1:${port}/2`,
      REDIS_READY_TIMEOUT_MS: '700',
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    const fatal = output
      .split('\n')
      .filter((line) => line.includes('Cannot reach Redis'))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.level).toBe(60);
    expect(fatal[0]!.msg).toContain(`Cannot reach Redis at 127.0.0.1:${port}/2 (REDIS_URL) within 0.7 s: connect ECONNREFUSED`);
    expect(fatal[0]!.msg).toContain('set REDIS_URL');
    expect(output).not.toContain('hunter2-secret'); // the URL's password never reaches a log
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe('npm start with an unreachable REDIS_URL', () => {
  it('says so in one line before starting anything, and exits 1', async () => {
    const port = await freePort();
    const { code, output } = await runToExit('scripts/start.ts', {
      REDIS_URL: `redis://user:hunter2-secret@127.0.0.1:${port}`,
      REDIS_READY_TIMEOUT_MS: '700',
    });
    expect(code).toBe(1);
    const lines = output.split('\n').filter((line) => line.includes('Cannot reach Redis'));
    expect(lines).toEqual([expect.stringContaining(`Cannot reach Redis at 127.0.0.1:${port} (REDIS_URL) within 0.7 s: connect ECONNREFUSED`)]);
    expect(output).not.toMatch(/\[(api|worker)\s*\]/); // no service was started
    expect(output).not.toContain('hunter2-secret');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
