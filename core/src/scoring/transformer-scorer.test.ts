import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../runtime/logger.js';
import { createMicroBatcher } from './micro-batcher.js';
import type { Scorer } from './scorer.js';
import { createScorerFromEnv } from './select-scorer.js';
import { loadTransformerScorer, ModelUnavailableError } from './transformer-scorer.js';

// The fixture is a tiny DistilBERT-layout model the project builds itself
// (scripts/models/build-fixture-model.ts); loading it must never touch the network.
const FIXTURE = fileURLToPath(new URL('../../../models/fixtures/tiny-sst2', import.meta.url));
const log = createLogger({ name: 'test', level: 'silent', format: 'json' });

const ANGRY = 'This is terrible, the app is broken and I am furious. Worst service ever!';
const CALM = 'Thanks for the great product, I have a quick question about exports.';

const tripped: string[] = [];
const originalFetch = { env: env.fetch, global: globalThis.fetch };
let scorer: Scorer;

beforeAll(async () => {
  const tripwire = async (input: unknown) => {
    tripped.push(String(input));
    throw new Error(`network trip-wire: fetch(${String(input)})`);
  };
  env.fetch = tripwire;
  globalThis.fetch = tripwire as typeof fetch;
  scorer = await loadTransformerScorer({ model: FIXTURE, cacheDir: '/nonexistent-cache', dtype: 'fp32', threads: 1, offline: true });
});
afterAll(() => {
  env.fetch = originalFetch.env;
  globalThis.fetch = originalFetch.global;
  expect(tripped).toEqual([]);
});

describe('transformer scorer on the fixture model', () => {
  it('names the model it scores with', () => {
    expect(scorer.info).toMatchObject({ kind: 'transformer', model: 'tiny-sst2 (local) fp32' });
  });

  it('scores clearly negative text as urgent and polite text as not', async () => {
    const [angry, calm] = await scorer.score([ANGRY, CALM]);
    expect(angry!.score).toBeGreaterThan(0.8);
    expect(angry!.label).toBe('NEGATIVE');
    expect(calm!.score).toBeLessThan(0.5);
    expect(calm!.label).toBe('POSITIVE');
    for (const r of [angry!, calm!]) expect(r.model).toBe('tiny-sst2 (local) fp32');
  });

  it('gives each text of a padded batch the score it gets alone', async () => {
    const texts = [ANGRY, CALM, 'refund', 'How do I export my data to CSV? I looked everywhere in the settings page.'];
    const batched = await scorer.score(texts);
    const single = await Promise.all(texts.map(async (t) => (await scorer.score([t]))[0]!));
    batched.forEach((r, i) => expect(r.score).toBeCloseTo(single[i]!.score, 6));
  });

  it('truncates texts longer than the model accepts', async () => {
    const [long] = await scorer.score([`${ANGRY} `.repeat(400)]);
    expect(long!.score).toBeGreaterThan(0.5);
  });

  it('returns nothing for no texts', async () => {
    expect(await scorer.score([])).toEqual([]);
  });

  it('scores an empty or blank text 0 and keeps the others where they were', async () => {
    const [empty, angry, blank] = await scorer.score(['', ANGRY, ' \n\t']);
    expect(empty).toEqual({ score: 0, label: 'POSITIVE', model: 'tiny-sst2 (local) fp32' });
    expect(blank).toEqual(empty);
    expect(angry!.score).toBeCloseTo((await scorer.score([ANGRY]))[0]!.score, 6);
  });

  it('batched through the micro-batcher, each concurrent caller gets its own result', async () => {
    const batcher = createMicroBatcher(scorer, { maxBatch: 8, maxWaitMs: 5 });
    const texts = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? ANGRY : i % 3 === 1 ? CALM : `ticket number ${i} about my invoice`));
    const results = await Promise.all(texts.map((t) => batcher.score([t])));
    const alone = await Promise.all(texts.map((t) => scorer.score([t])));
    results.forEach((r, i) => expect(r[0]!.score).toBeCloseTo(alone[i]![0]!.score, 6));
  });

  it('fails with ModelUnavailableError for a missing directory', async () => {
    await expect(
      loadTransformerScorer({ model: '/nonexistent/model', cacheDir: '/tmp', dtype: 'fp32', threads: 1, offline: true }),
    ).rejects.toThrow(ModelUnavailableError);
  });

  it('fails offline for a hub id that is not cached, without a network trip', async () => {
    await expect(
      loadTransformerScorer({ model: 'owner/not-cached', cacheDir: '/nonexistent-cache', dtype: 'q8', threads: 1, offline: true }),
    ).rejects.toThrow(/not in the model cache/);
  });
});

describe('scorer selection', () => {
  it('transformer: the fixture, warmed up and batched', async () => {
    const s = await createScorerFromEnv({ URGENCY_SCORER: 'transformer', URGENCY_MODEL: FIXTURE, MODEL_DTYPE: 'fp32' }, log);
    expect(s.info).toMatchObject({ kind: 'transformer', reason: 'URGENCY_SCORER=transformer (the original: S = P(NEGATIVE))' });
    expect((await s.score([ANGRY]))[0]!.score).toBeGreaterThan(0.8);
  });

  it('transformer: a clear error when the model cannot be loaded', async () => {
    await expect(createScorerFromEnv({ URGENCY_SCORER: 'transformer', URGENCY_MODEL: '/nonexistent/model' }, log)).rejects.toThrow(
      /\/nonexistent\/model does not exist/,
    );
  });

  it('auto: the urgency model, with the tone its weights were fitted on (VADER), loading no transformer', async () => {
    const s = await createScorerFromEnv({ URGENCY_SCORER: 'auto', URGENCY_MODEL: '/nonexistent/model' }, log);
    expect(s.info).toMatchObject({ kind: 'model', model: 'urgency-v1 (tone: vader-lexicon)' });
    const [result] = await s.score(['Site down\nOur whole store is offline and customers cannot pay.']);
    expect(result!.model).toBe('urgency-v1 (tone: vader-lexicon)');
    expect(result!.explanation).toMatch(/tone \d\.\d\d/);
  });

  it('URGENCY_TONE=transformer: the fixture gives the tone', async () => {
    const s = await createScorerFromEnv({ URGENCY_TONE: 'transformer', URGENCY_MODEL: FIXTURE, MODEL_DTYPE: 'fp32' }, log);
    expect(s.info.model).toMatch(/^urgency-v1 \(tone: .*tiny-sst2/);
  });

  it('URGENCY_TONE=transformer: falls back to VADER for the tone and says why', async () => {
    const s = await createScorerFromEnv({ URGENCY_TONE: 'transformer', URGENCY_MODEL: '/nonexistent/model' }, log);
    expect(s.info).toMatchObject({ kind: 'model', model: 'urgency-v1 (tone: vader-lexicon)' });
    expect(s.info.reason).toMatch(/fallback: tone from vader-lexicon, the transformer is unavailable \(.*\/nonexistent\/model/);
  });

  it('a malformed urgency model file stops the start with a clear error', async () => {
    await expect(createScorerFromEnv({ URGENCY_MODEL_FILE: '/nonexistent/urgency.json' }, log)).rejects.toThrow(
      /^urgency model \/nonexistent\/urgency.json: cannot be read \(ENOENT\)$/,
    );
  });

  it('lexicon: as configured', async () => {
    const s = await createScorerFromEnv({ URGENCY_SCORER: 'lexicon' }, log);
    expect(s.info).toEqual({ kind: 'lexicon', model: 'vader-lexicon', reason: 'URGENCY_SCORER=lexicon' });
  });
});
