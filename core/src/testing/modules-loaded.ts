import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * For tests that keep heavy or I/O modules out of a code path: runs `script` (an ES module
 * body) in a fresh Node process, from core's folder, with a module hook that records every
 * module resolved, so what a test sees is what a real process loads rather than what the
 * sources seem to import. The hook sees ES modules only; with `commonJs`, the process also
 * lists at exit its CommonJS module cache and the native libraries mapped into it (which
 * is how onnxruntime's binding shows). Returns the resolved URLs and the script's stdout.
 */
export function modulesLoadedBy(script: string, opts: { commonJs?: boolean; env?: Record<string, string> } = {}): { resolved: string[]; stdout: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'iq-modules-'));
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
  const epilogue = opts.commonJs
    ? `
    const { createRequire } = await import('node:module');
    const { readFileSync } = await import('node:fs');
    for (const file of Object.keys(createRequire(import.meta.url).cache)) process.stderr.write('RESOLVED file://' + file + '\\n');
    for (const line of readFileSync('/proc/self/maps', 'utf8').split('\\n')) {
      const file = line.split(/\\s+/)[5];
      if (file && file.includes('/node_modules/')) process.stderr.write('RESOLVED file://' + file + '\\n');
    }`
    : '';
  const child = spawnSync(process.execPath, ['--import', 'tsx/esm', '--import', register, '--input-type=module', '-e', script + epilogue], {
    cwd: coreDir,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  if (child.status !== 0) throw new Error(`script failed:\n${child.stderr}`);
  return { resolved: [...child.stderr.matchAll(/^RESOLVED (.+)$/gm)].map((m) => m[1]!), stdout: child.stdout };
}

/** The npm packages among resolved module URLs. */
export const packagesIn = (urls: string[]): Set<string> =>
  new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
