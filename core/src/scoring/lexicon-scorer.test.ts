import { describe, expect, it } from 'vitest';
import {
  compoundToUrgency,
  createLexiconScorer,
  LEXICON_MIDPOINT,
  LEXICON_MODEL,
} from './lexicon-scorer.js';
import { ticketText } from './scorer.js';

const scorer = createLexiconScorer();
const scoreOf = async (text: string) => (await scorer.score([text]))[0]!.score;

const ANGRY = [
  'This is unacceptable! I was charged twice and nobody answers. Worst service ever.',
  'I am extremely angry. Your app crashed and I lost all my work. Terrible!',
  'Furious. The outage has ruined our launch and your support is useless.',
  'I hate this product, it is broken garbage and a complete waste of money.',
  'This is awful and frustrating, I want to cancel immediately.',
];

const NEUTRAL_QUESTIONS = [
  'How do I change my email address?',
  'What are your opening hours?',
  'Can I export my data to CSV?',
  'Where can I find my invoice for March?',
  'Is there an API endpoint for listing users?',
];

describe('createLexiconScorer', () => {
  it.each(ANGRY)('clearly negative text is urgent (S > 0.5): %j', async (text) => {
    const [result] = await scorer.score([text]);
    expect(result!.score).toBeGreaterThan(0.5);
    expect(result!.label).toBe('NEGATIVE');
  });

  it.each(NEUTRAL_QUESTIONS)('a neutral question is not urgent (S < 0.5): %j', async (text) => {
    const [result] = await scorer.score([text]);
    expect(result!.score).toBeLessThan(0.5);
    expect(result!.label).toBe('POSITIVE');
  });

  it('every angry text scores higher than every neutral question', async () => {
    const angry = await scorer.score(ANGRY);
    const neutral = await scorer.score(NEUTRAL_QUESTIONS);
    const minAngry = Math.min(...angry.map((r) => r.score));
    const maxNeutral = Math.max(...neutral.map((r) => r.score));
    expect(minAngry).toBeGreaterThan(maxNeutral);
  });

  it('positive text scores lower than a neutral question', async () => {
    expect(await scoreOf('Thank you, the product is great and your support was wonderful!')).toBeLessThan(
      await scoreOf('What are your opening hours?'),
    );
  });

  it.each<[string, string]>([
    ['This is good', 'This is not good'],
    ['I am happy with the support', 'I am not happy with the support'],
    ['The update works well', 'The update does not work well'],
  ])('negation raises S: %j < %j', async (plain, negated) => {
    expect(await scoreOf(negated)).toBeGreaterThan(await scoreOf(plain));
  });

  it('"not good" crosses into urgent while "good" does not', async () => {
    expect(await scoreOf('good')).toBeLessThan(0.5);
    expect(await scoreOf('not good')).toBeGreaterThan(0.5);
  });

  it('labels by the 0.5 threshold (S ≥ 0.5 is NEGATIVE), also for moderately negative text', async () => {
    const texts = ['not good', 'The update does not work well', 'good', 'What are your opening hours?'];
    const results = await scorer.score(texts);
    expect(results[0]!.score).toBeLessThan(0.9);
    expect(results.map((r) => r.label)).toEqual(['NEGATIVE', 'NEGATIVE', 'POSITIVE', 'POSITIVE']);
    for (const r of results) expect(r.label).toBe(r.score >= 0.5 ? 'NEGATIVE' : 'POSITIVE');
  });

  it('keeps every score in [0, 1], also for odd input', async () => {
    const texts = ['', ' ', '!!!', '???', '😀😀😀', '😡', 'terrible '.repeat(2000), 'great '.repeat(2000), 'a\u0000b', ...ANGRY];
    const results = await scorer.score(texts);
    for (const r of results) {
      expect(Number.isFinite(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns one result per text, in order, each named vader-lexicon', async () => {
    const texts = [NEUTRAL_QUESTIONS[0]!, ANGRY[0]!, 'This is good', ANGRY[1]!, NEUTRAL_QUESTIONS[1]!];
    const batch = await scorer.score(texts);
    expect(batch).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      expect(batch[i]!.model).toBe('vader-lexicon');
      expect(batch[i]!.score).toBe(await scoreOf(text));
      expect(batch[i]!.label).toBe(batch[i]!.score >= 0.5 ? 'NEGATIVE' : 'POSITIVE');
    }
    // Order really matters: the angry ones are where they were put.
    expect(batch.map((r) => r.label)).toEqual(['POSITIVE', 'NEGATIVE', 'POSITIVE', 'NEGATIVE', 'POSITIVE']);
  });

  it('scores an empty or blank text 0 (the original\'s rule), without shifting the others', async () => {
    const results = await scorer.score(['', ANGRY[0]!, '   ', '\n']);
    expect(results.map((r) => r.score)).toEqual([0, await scoreOf(ANGRY[0]!), 0, 0]);
    expect(results[0]).toEqual({ score: 0, label: 'POSITIVE', model: 'vader-lexicon' });
  });

  it('returns an empty array for an empty batch', async () => {
    expect(await scorer.score([])).toEqual([]);
  });

  it('describes itself', () => {
    expect(LEXICON_MODEL).toBe('vader-lexicon');
    expect(scorer.info).toEqual({ kind: 'lexicon', model: 'vader-lexicon', reason: 'configured' });
    expect(createLexiconScorer('transformer failed to load').info.reason).toBe('transformer failed to load');
  });

  it('scores a ticket by subject and body together', async () => {
    const text = ticketText({ subject: 'Order status', body: 'This is a disaster, I am furious!' });
    expect(text).toContain('Order status');
    expect(text).toContain('This is a disaster');
    expect(await scoreOf(text)).toBeGreaterThan(0.5);
  });
});

describe('compoundToUrgency', () => {
  it('is strictly decreasing over [-1, 1]', () => {
    let previous = Infinity;
    for (let i = -100; i <= 100; i++) {
      const s = compoundToUrgency(i / 100);
      expect(s).toBeLessThan(previous);
      previous = s;
    }
  });

  it('stays within (0, 1)', () => {
    for (const c of [-1, -0.5, 0, 0.5, 1]) {
      expect(compoundToUrgency(c)).toBeGreaterThan(0);
      expect(compoundToUrgency(c)).toBeLessThan(1);
    }
  });

  it('is exactly 0.5 at the midpoint, which lies below zero', () => {
    expect(LEXICON_MIDPOINT).toBeLessThan(0);
    expect(compoundToUrgency(LEXICON_MIDPOINT)).toBe(0.5);
    expect(compoundToUrgency(0)).toBeLessThan(0.5);
  });

  it.each<[number, number]>([
    [0, 0.23],
    [-0.5, 0.86],
    [-0.9, 0.98],
    [0.6, 0.01],
  ])('matches the documented example c = %d → ≈ %d', (c, s) => {
    expect(Math.abs(compoundToUrgency(c) - s)).toBeLessThanOrEqual(0.01);
  });
});
