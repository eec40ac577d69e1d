// Loads a model directory built by build-*-model.ts through transformers.js
// exactly as the worker would, with the hub switched off, and prints what a
// batch of support tickets scores. A model that loads here loads in the worker.
//
// Run: npx tsx scripts/models/check-model.ts <model dir> [fp32|q8] [--time]
import { resolve } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';

const [dirArg, dtypeArg = 'fp32', ...flags] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: check-model.ts <model dir> [fp32|q8] [--time]');
  process.exit(2);
}
const dtype = dtypeArg === 'q8' ? 'q8' : 'fp32';

env.allowRemoteModels = false;
env.allowLocalModels = true;

const TEXTS = [
  'This is terrible, I want a refund now!',
  'I am furious, your app keeps crashing and I will contact my lawyer.',
  'Worst service ever. Completely unacceptable.',
  'How do I reset my password?',
  'Can you help me update the billing address on my account?',
  'Thanks so much, the team was really helpful!',
  'Where can I find the invoice for last month?',
  'The upload button is broken again and I hate this.',
];

// An absolute path is not a valid hub repo id, so transformers.js reads the
// files straight from that directory and never consults env.localModelPath.
const modelDir = resolve(dirArg);
const t0 = performance.now();
const classifier = await pipeline('text-classification', modelDir, { dtype });
console.log(`loaded ${modelDir} dtype=${dtype} in ${(performance.now() - t0).toFixed(0)} ms`);

const top1 = await classifier(TEXTS);
const all = await classifier(TEXTS, { top_k: null });
TEXTS.forEach((text, i) => {
  const best = top1[i]!;
  const scores = all[i]!;
  const pNeg = scores.find((s) => s.label === 'NEGATIVE')?.score ?? NaN;
  console.log(`${best.label.padEnd(8)} ${best.score.toFixed(4)}  P(NEG)=${pNeg.toFixed(4)}  ${text}`);
});

if (flags.includes('--time')) {
  // Each text grows word by word to 60 tokens, the size of a typical ticket body.
  const words = TEXTS.join(' ').split(' ');
  const sixtyTokens = TEXTS.map((_, i) => {
    const picked: string[] = [];
    for (let w = i * 5; classifier.tokenizer.encode(picked.join(' ')).length < 60; w++) picked.push(words[w % words.length]!);
    return picked.join(' ');
  });
  const shape = classifier.tokenizer(sixtyTokens, { padding: true, truncation: true }).input_ids.dims;
  const time = async (runs: number, input: (i: number) => string | string[]) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await classifier(input(i));
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return `median ${ms[Math.floor(runs / 2)]!.toFixed(0)} ms, min ${ms[0]!.toFixed(0)} ms over ${runs} runs`;
  };
  await classifier(sixtyTokens); // warm-up: the first run pays for onnxruntime's allocations
  console.log(`batch ${JSON.stringify(shape)}: ${await time(10, () => sixtyTokens)}`);
  console.log(`single text [1,60]: ${await time(20, (i) => sixtyTokens[i % sixtyTokens.length]!)}`);
}

await classifier.dispose();
