import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Runs `script` (an ES module body) in a fresh Node process with a module hook that
 * records every module resolved, as domain-imports.test.ts does: what the test sees is
 * what a real process loads. The hook sees ES modules only, so at exit the process also
 * lists its CommonJS module cache and the native libraries mapped into it (onnxruntime's
 * binding is both). Returns the resolved URLs and the script's stdout.
 */
function modulesLoadedBy(script: string): { resolved: string[]; stdout: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'iq-lazy-'));
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
  const epilogue = `
    const { createRequire } = await import('node:module');
    const { readFileSync } = await import('node:fs');
    for (const file of Object.keys(createRequire(import.meta.url).cache)) process.stderr.write('RESOLVED file://' + file + '\\n');
    for (const line of readFileSync('/proc/self/maps', 'utf8').split('\\n')) {
      const file = line.split(/\\s+/)[5];
      if (file && file.includes('/node_modules/')) process.stderr.write('RESOLVED file://' + file + '\\n');
    }`;
  const child = spawnSync(process.execPath, ['--import', 'tsx/esm', '--import', register, '--input-type=module', '-e', script + epilogue], {
    cwd: coreDir,
    encoding: 'utf8',
    env: { ...process.env, HF_HUB_OFFLINE: '1' },
  });
  if (child.status !== 0) throw new Error(`script failed:\n${child.stderr}`);
  return { resolved: [...child.stderr.matchAll(/^RESOLVED (.+)$/gm)].map((m) => m[1]!), stdout: child.stdout };
}

const packagesIn = (urls: string[]) =>
  new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));

const HEAVY = ['@huggingface/transformers', 'onnxruntime-node', 'onnxruntime-common', 'onnxruntime-web', 'sharp'];
const FIXTURE = fileURLToPath(new URL('../../../models/fixtures/tiny-sst2', import.meta.url));

describe('transformers.js is loaded only when a transformer is selected', () => {
  it('importing @iq/core and creating the lexicon scorer and the urgency model on VADER load none of it', () => {
    const { resolved, stdout } = modulesLoadedBy(`
      const core = await import('@iq/core');
      const log = core.createLogger({ name: 'test', level: 'silent', format: 'json' });
      for (const URGENCY_SCORER of ['lexicon', 'model']) {
        const scorer = await core.createScorerFromEnv({ URGENCY_SCORER, URGENCY_TONE: 'lexicon' }, log);
        const [result] = await scorer.score(['The server is down and I am furious!']);
        console.log(scorer.info.kind, typeof result.score);
      }
      console.log(typeof core.loadTransformerScorer, typeof core.ModelUnavailableError);
    `);
    expect(stdout.trim().split('\n')).toEqual(['lexicon number', 'model number', 'function function']);
    // The hook ran and saw the barrel and the scorer selection, so an empty list cannot pass.
    expect(resolved.some((url) => url.endsWith('/core/src/index.ts'))).toBe(true);
    expect(resolved.some((url) => url.endsWith('/core/src/scoring/select-scorer.ts'))).toBe(true);
    const packages = [...packagesIn(resolved)];
    expect(packages).toContain('bullmq');
    for (const name of HEAVY) expect(packages).not.toContain(name);
    expect(resolved.filter((url) => url.endsWith('/scoring/transformer-scorer.ts'))).toEqual([]);
  });

  it('loads it, through the barrel, once a transformer is asked for', () => {
    const { resolved, stdout } = modulesLoadedBy(`
      const core = await import('@iq/core');
      const scorer = await core.loadTransformerScorer({ model: ${JSON.stringify(FIXTURE)}, cacheDir: '/nonexistent-cache', dtype: 'fp32', threads: 1, offline: true });
      const [result] = await scorer.score(['This is terrible, the app is broken and I am furious.']);
      console.log(scorer.info.kind, typeof result.score);
      await core.loadTransformerScorer({ model: '/nonexistent/model', cacheDir: '/tmp', dtype: 'fp32', threads: 1, offline: true })
        .catch((error) => console.log(error instanceof core.ModelUnavailableError));
    `);
    expect(stdout.trim().split('\n')).toEqual(['transformer number', 'true']);
    const packages = [...packagesIn(resolved)];
    expect(packages).toContain('@huggingface/transformers');
    expect(packages).toContain('onnxruntime-node');
  });
});
