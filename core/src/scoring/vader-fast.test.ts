/// <reference path="./vader-sentiment.d.ts" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import vader from 'vader-sentiment';
import { describe, expect, it } from 'vitest';
import { ticketText } from './scorer.js';
import { polarityScores, vaderLexicon } from './vader-fast.js';

const reference = (text: string) => vader.SentimentIntensityAnalyzer.polarity_scores(text);

/** Both scorers agree on all four numbers (they are rounded by toFixed, so exactly). */
function mismatches(texts: Iterable<string>) {
  const bad: { text: string; package: unknown; ours: unknown }[] = [];
  let count = 0;
  for (const text of texts) {
    count++;
    const want = reference(text);
    const got = polarityScores(text);
    const same = (['neg', 'neu', 'pos', 'compound'] as const).every((k) => Math.abs(got[k] - want[k]) <= 1e-12);
    if (!same) bad.push({ text, package: want, ours: got });
  }
  return { count, bad: bad.slice(0, 5), total: bad.length };
}

const evalFile = (name: string) => fileURLToPath(new URL(`../../../eval/${name}`, import.meta.url));
const EVAL_FILES = ['tickets.jsonl', 'train.jsonl', 'train-2.jsonl', 'train-3.jsonl', 'test.jsonl'];
const evalTexts = EVAL_FILES.flatMap((f) =>
  readFileSync(evalFile(f), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ticketText(JSON.parse(line) as { subject: string; body: string })),
);

const ADVERSARIAL = [
  '',
  ' ',
  '\n',
  'a',
  'ok',
  '!!!',
  '???',
  '?!?!',
  'This is great!!!!!!',
  'Is this broken??? Really????',
  'What?! No!! Why?!?',
  'HELP!!! THE SERVER IS DOWN AND NOTHING WORKS',
  'The server is DOWN and it is TERRIBLE',
  'GREAT service but TERRIBLE support',
  'I love it but the app is terrible',
  'good BUT bad',
  'The product is not good',
  "It isn't bad at all",
  "I can't say I'm happy, it's never so good",
  'not very good, never this bad, hardly great',
  'It is kind of bad and sort of good',
  'kind of',
  'kinda good, sorta bad, kind-of ok',
  'just enough good',
  'the shit',
  'this movie is the bomb',
  'cut the mustard really well',
  'at least it works, very least good, least good',
  'without any doubt, the best',
  '😀 😡 💔 ❤️ great 👍',
  ':) :( :-) :-( <3 </3 :D xD',
  '"great" (bad) [good] {awful} \'nice\'',
  '...good... ,,,bad,,, !good !!bad !!!good ??bad ?!?good',
  'good. bad, nice; awful: great- sad\' happy"',
  '.good. -bad- --bad --good-- ?!?!great !?!?awful',
  'good!bad really.really good,bad',
  'tab\tseparated\tgood\u00a0nbsp\u2003emspace bad',
  'ÉNORME problème, TRÈS mauvais',
  'The __proto__ constructor hasOwnProperty toString is bad',
  'constructor valueOf good',
  'very very very very good',
  'extremely EXTREMELY bad, REALLY good',
  'NOT GOOD AT ALL',
  'never so bad, never this good, so so good',
  'he is a bad ass, yeah right',
  'kiss of death hand to mouth',
  'no no no no no',
  "don't won't can't shouldn't ain't",
  "dont wont cant shouldnt aint uh-uh",
  'Subject: URGENT!!!\nBody: the payroll run FAILED and nobody answers???',
  'x'.repeat(10_000),
  'bad '.repeat(2_000),
];

/** A seeded generator of ticket-like strings mixing lexicon words, boosters, negations, punctuation and case. */
function* fuzz(count: number, seed: number) {
  let state = seed;
  const rand = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const lexiconWords = [...vaderLexicon().keys()];
  const parts = [
    'but', 'BUT', 'not', 'never', 'so', 'this', 'kind', 'of', 'sort', 'least', 'at', 'very', 'the', 'really', 'extremely',
    'barely', "isn't", "don't", 'without', 'yeah', 'right', 'bomb', 'shit', 'just', 'enough', 'a', 'x', '😡', '!', '?',
  ];
  const affixes = ['', '', '', '.', '!', '?', ',', '!!', '???', '?!?', '"', "'", '-', '(', ')', '...', '#', '!?!?'];
  for (let t = 0; t < count; t++) {
    const words: string[] = [];
    const length = Math.floor(rand() * 30);
    for (let i = 0; i < length; i++) {
      let word = rand() < 0.5 ? lexiconWords[Math.floor(rand() * lexiconWords.length)]! : parts[Math.floor(rand() * parts.length)]!;
      const r = rand();
      if (r < 0.15) word = word.toUpperCase();
      else if (r < 0.2) word = word[0]!.toUpperCase() + word.slice(1);
      if (rand() < 0.3) word = affixes[Math.floor(rand() * affixes.length)]! + word;
      if (rand() < 0.3) word += affixes[Math.floor(rand() * affixes.length)]!;
      words.push(word);
    }
    const separators = [' ', ' ', ' ', '  ', '\n', '\t'];
    yield words.reduce((text, word, i) => (i === 0 ? word : text + separators[Math.floor(rand() * separators.length)]! + word), '');
  }
}

describe('polarityScores (our precompiled VADER)', () => {
  it('reads the same lexicon as the vader-sentiment package', () => {
    // The package's bundle inlines its lexicon as an object literal: evaluate that literal alone.
    const require = createRequire(import.meta.url);
    const bundle = readFileSync(require.resolve('vader-sentiment'), 'utf8');
    const start = bundle.indexOf('.lexicon={') + '.lexicon='.length;
    const end = bundle.indexOf('}},function', start) + 1;
    expect(start).toBeGreaterThan(100);
    const packaged = vm.runInNewContext(`(${bundle.slice(start, end)})`) as Record<string, number>;
    expect(Object.keys(packaged).length).toBeGreaterThan(7_000);
    expect(new Map(Object.entries(packaged))).toEqual(new Map(vaderLexicon()));
  });

  it('scores every ticket of the eval sets exactly as the package does', () => {
    const result = mismatches(evalTexts);
    expect(result.count).toBeGreaterThan(1_500);
    expect(result.bad).toEqual([]);
  }, 60_000);

  it('scores subjects and bodies alone exactly as the package does', () => {
    const parts = EVAL_FILES.flatMap((f) =>
      readFileSync(evalFile(f), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => {
          const t = JSON.parse(line) as { subject: string; body: string };
          return [t.subject, t.body, t.body.toUpperCase()];
        }),
    );
    expect(mismatches(parts).bad).toEqual([]);
  }, 60_000);

  it('scores adversarial strings exactly as the package does', () => {
    expect(mismatches(ADVERSARIAL).bad).toEqual([]);
  });

  it('scores every lexicon entry, alone and in context, exactly as the package does', () => {
    const words = [...vaderLexicon().keys()];
    const texts = words.flatMap((w) => [w, `not ${w}!`, `I am ${w.toUpperCase()} but fine`, `the ${w}, kind of ${w}?`]);
    expect(mismatches(texts).bad).toEqual([]);
  }, 60_000);

  it('scores 10,000 generated ticket-like strings exactly as the package does', () => {
    const result = mismatches(fuzz(10_000, 13));
    expect(result.bad).toEqual([]);
    expect(result.total).toBe(0);
  }, 60_000);

  it('is not trivially zero: the eval texts get both signs', () => {
    const compounds = evalTexts.map((t) => polarityScores(t).compound);
    expect(compounds.some((c) => c > 0.5)).toBe(true);
    expect(compounds.some((c) => c < -0.5)).toBe(true);
  });
});
