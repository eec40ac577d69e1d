import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Loads `@iq/core/domain` in a fresh Node process with a module hook that records every
 * module resolved, so what the test sees is what a real import loads (not what the
 * sources seem to import).
 */
function modulesLoadedBy(specifier: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'iq-domain-'));
  const hooks = path.join(dir, 'record-hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
       const result = await next(specifier, context);
       process.stderr.write('RESOLVED ' + result.url + '\\n');
       return result;
     }`,
  );
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const coreDir = fileURLToPath(new URL('../..', import.meta.url));
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx/esm', '--import', register, '--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`],
    { cwd: coreDir, encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`importing ${specifier} failed:\n${child.stderr}`);
  return [...child.stderr.matchAll(/^RESOLVED (.+)$/gm)].map((m) => m[1]!);
}

const packagesIn = (urls: string[]) =>
  new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));

describe('@iq/core/domain', () => {
  it('loads no Redis client, BullMQ, pino, transformers.js or Node built-in: only zod', () => {
    const resolved = modulesLoadedBy('@iq/core/domain');
    // The hook ran and saw the domain itself, so an empty list cannot pass by accident.
    expect(resolved.some((url) => url.endsWith('/core/src/domain/index.ts'))).toBe(true);
    expect(resolved.some((url) => url.endsWith('/core/src/domain/activity-events.ts'))).toBe(true);
    expect([...packagesIn(resolved)]).toEqual(['zod']);
    expect(resolved.filter((url) => url.startsWith('node:'))).toEqual([]);
    expect(resolved.filter((url) => url.includes('/core/src/') && !url.includes('/core/src/domain/'))).toEqual([]);
  });

  it('is told apart from the full barrel, which does load BullMQ, ioredis and pino', () => {
    const packages = packagesIn(modulesLoadedBy('@iq/core'));
    for (const name of ['bullmq', 'ioredis', 'pino']) expect(packages).toContain(name);
  });
});
