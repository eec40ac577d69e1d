import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modulesLoadedBy as loadedBy, packagesIn } from '../testing/modules-loaded.js';

const modulesLoadedBy = (script: string) => loadedBy(script, { commonJs: true, env: { HF_HUB_OFFLINE: '1' } });

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
