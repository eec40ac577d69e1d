import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run train:urgency', () => {
  it('is deterministic, and the committed model is what the training split gives', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'eval/train-urgency.ts', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stderr).not.toContain('differs');
    expect(run.stdout).toContain('matches a fresh fit');
    expect(run.status).toBe(0);
  }, 60_000);
});
