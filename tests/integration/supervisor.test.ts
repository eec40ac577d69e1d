import { describe, expect, it } from 'vitest';
import { supervise } from '../../scripts/supervisor.js';

// The launcher's supervisor on plain commands (the launcher tests run it on the real services).
describe('supervise', () => {
  const quiet = { cwd: process.cwd(), env: {}, output: () => undefined, graceMs: 2_000 };

  it('stops, rather than hanging, when a command cannot even be spawned', async () => {
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const supervisor = supervise([{ name: 'ghost', command: '/nonexistent/command', args: [] }, { name: 'sleeper', command: 'sleep', args: ['30'] }], { ...quiet, log });
    const { couldNotStart } = await supervisor.done;
    expect(couldNotStart?.name).toBe('ghost');
    expect(lines.join('\n')).toContain('ghost could not start');
    expect(supervisor.pid('sleeper')).toBeUndefined(); // stopped with it
  });

  it('restarts a process killed by a signal, with the delay it announces', async () => {
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const supervisor = supervise([{ name: 'sleeper', command: 'sleep', args: ['30'] }], { ...quiet, log, backoffMs: 50 });
    const first = supervisor.pid('sleeper')!;
    process.kill(first, 'SIGKILL');
    await expect.poll(() => [undefined, first].includes(supervisor.pid('sleeper')), { timeout: 5_000 }).toBe(false);
    expect(lines.join('\n')).toMatch(/sleeper was killed \(SIGKILL\) after [\d.]+ s; restarting it in 0\.05 s \(crash 1 in a row\)/);
    supervisor.stop();
    expect(await supervisor.done).toEqual({});
  });
});
