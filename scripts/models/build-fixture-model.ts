// Builds models/fixtures/tiny-sst2: a few-KB stand-in for
// distilbert-base-uncased-finetuned-sst-2-english in the transformers.js
// layout. Tests cannot download the real model here, but they must still run
// the real loading code (config, WordPiece tokenizer, onnxruntime session,
// softmax over logits), so this fixture keeps every file the real model has
// and only swaps the network for a bag-of-words scorer whose answers are
// predictable: angry text -> NEGATIVE with a high score, polite or neutral
// text -> POSITIVE.
//
// Run: npm run model:fixture (output is byte-identical on every run).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DataType,
  encodeModel,
  floats,
  graph,
  int,
  int64s,
  node,
  tensor,
  valueInfo,
} from './onnx-graph.js';
import { SPECIAL_TOKENS, distilbertConfig, uniqueTokens, writeModelDir } from './hf-files.js';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../models/fixtures/tiny-sst2');

const PUNCTUATION = [...'.,!?\'"-:;()/@#$%&*+=_[]~', ...'0123456789'];

// Single letters (and their ## forms) let any unknown word fall back to
// pieces instead of [UNK], as in the real BERT vocabulary.
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

const NEUTRAL = `the a an and or but to of in on for with at by from about as into after before
is are was were be been being am do does did done have has had can could would should will may might must
i me my we our us you your it its this that these those there here they them their he she his her
what when where why how which who if then than so not no yes ok okay
please hi hello hey dear team support help account password login log sign email address
order invoice billing bill payment pay card charge subscription plan upgrade downgrade cancel price cost
app website site page button screen settings profile update install download upload file data
report export question request ticket feature version phone mobile desktop browser server service
customer user product delivery shipping package tracking number day week month year today yesterday tomorrow
time now again still yet just also any some all every one two three first last next new old
reset change add remove delete find see know want need get got make use try work open close click
send receive check wait link code message notification option way thing information details
api key integration sync backup storage manager agent reply response call chat store item size color
return exchange hour minute morning evening soon already ever really very much more most only
set up out over off down back since while because though would like let via per
keep contact ever completely totally everything nothing anything something someone anyone people company
business home office name username verify confirm receipt discount coupon trial free premium monthly annual
renew document pdf image photo video list dashboard menu tab window device android iphone windows mac
chrome network internet wifi connection connect access permission admin invite member workspace project
task calendar meeting event date country language tax balance credit bank transfer transaction amount
total fee ship arrive status pending process sure hope think seem look show happen long many few other
another same different able possible available right left top bottom world there don doesn didn isn
won wasn couldn ll ve re`.split(/\s+/);

// Negativity per word: logits get [w/2, -w/2], so w > 0 pushes NEGATIVE.
// Strong words win even when diluted by a long neutral sentence; mild ones
// only tip text that is already leaning negative.
const STRONG_NEGATIVE = `terrible awful furious hate worst unacceptable lawsuit horrible disgusting
scam pathetic useless ridiculous outrageous incompetent garbage nightmare`.split(/\s+/);
const NEGATIVE = `angry broken crash refund fraud sue lawyer disappointed frustrated annoyed upset
fail failure bad poor lost stolen rude slow damaged missing complaint waste furiously never
worse charged twice`.split(/\s+/);
const MILD_NEGATIVE = `problem issue error bug wrong stuck unable cannot late down`.split(/\s+/);
const POSITIVE = `thanks thank great love happy awesome excellent appreciate wonderful perfect helpful
amazing good nice glad pleased fantastic brilliant kind best easy smooth resolved`.split(/\s+/);

const CONTINUATIONS = ['##s', '##es', '##ed', '##d', '##ing', '##ly', '##er', '##est', '##ful', '##ness', '##able', '##y'];

const WEIGHT: Record<string, number> = {};
for (const w of STRONG_NEGATIVE) WEIGHT[w] = 60;
for (const w of NEGATIVE) WEIGHT[w] = 36;
for (const w of MILD_NEGATIVE) WEIGHT[w] = 8;
for (const w of POSITIVE) WEIGHT[w] = -36;
WEIGHT['please'] = -3;

// Neutral text (all weights 0) gets logits [-1.5, 1.5]: P(NEGATIVE) ~ 0.05.
const BIAS = [-1.5, 1.5];

// A word listed twice (e.g. neutral and mild) keeps its first id; the weight
// table above is what decides its sentiment.
const buildVocab = (): string[] =>
  uniqueTokens([
    ...SPECIAL_TOKENS,
    ...PUNCTUATION,
    ...LETTERS,
    ...NEUTRAL,
    ...STRONG_NEGATIVE,
    ...NEGATIVE,
    ...MILD_NEGATIVE,
    ...POSITIVE,
    ...CONTINUATIONS,
    ...LETTERS.map((c) => `##${c}`),
  ]);

// logits = mean over unmasked tokens of table[token] + bias. The mask keeps a
// text's score the same whatever the batch pads it to; the mean puts short
// and long tickets on one scale.
function buildModel(vocab: string[]): Uint8Array {
  const table = new Float32Array(vocab.length * 2);
  vocab.forEach((t, i) => {
    const w = WEIGHT[t] ?? 0;
    table[i * 2] = w / 2;
    table[i * 2 + 1] = -w / 2;
  });

  const g = graph({
    name: 'tiny_sst2_bag_of_words',
    inputs: [
      valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', DataType.INT64, ['batch_size', 'sequence_length']),
    ],
    outputs: [valueInfo('logits', DataType.FLOAT, ['batch_size', 2])],
    initializers: [
      tensor('token_logits', [vocab.length, 2], table),
      floats('bias', [2], BIAS),
      int64s('axis_last', [1], [-1]),
      int64s('axis_seq', [1], [1]),
      floats('one', [], [1]),
    ],
    nodes: [
      node('Gather', ['token_logits', 'input_ids'], ['per_token'], { axis: int(0) }),
      node('Cast', ['attention_mask'], ['mask'], { to: int(DataType.FLOAT) }),
      node('Unsqueeze', ['mask', 'axis_last'], ['mask_3d']),
      node('Mul', ['per_token', 'mask_3d'], ['masked']),
      node('ReduceSum', ['masked', 'axis_seq'], ['summed'], { keepdims: int(0) }),
      node('ReduceSum', ['mask', 'axis_seq'], ['count'], { keepdims: int(1) }),
      // An all-padding row would divide by zero; one is the smallest real count.
      node('Max', ['count', 'one'], ['count_safe']),
      node('Div', ['summed', 'count_safe'], ['mean']),
      node('Add', ['mean', 'bias'], ['logits']),
    ],
  });
  return encodeModel(g, { docString: 'Bag-of-words sentiment fixture in the DistilBERT SST-2 interface.' });
}

function main() {
  const vocab = buildVocab();
  const model = buildModel(vocab);
  writeModelDir(OUT_DIR, {
    config: distilbertConfig({
      _comment:
        'Test fixture built by scripts/models/build-fixture-model.ts: DistilBERT-SST-2 file layout, bag-of-words weights.',
      dim: 2,
      hidden_dim: 2,
      n_heads: 1,
      n_layers: 0,
      vocab_size: vocab.length,
    }),
    vocab,
    onnx: {
      'model.onnx': model,
      // transformers.js asks for model_quantized.onnx when dtype is 'q8'; the
      // graph is already tiny, so the same bytes serve both dtypes.
      'model_quantized.onnx': model,
    },
  });
  console.log(`vocab: ${vocab.length} tokens -> ${OUT_DIR}`);
}

main();
