// The JSON side of a transformers.js model directory, shared by the fixture
// and bench builders so both tokenize exactly as bert-base-uncased does
// (lowercasing BertNormalizer, BertPreTokenizer, WordPiece, [CLS] ... [SEP]).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Packed at ids 0..4 so that [PAD] is 0, the id the padding code assumes.
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Drops repeats, keeping each token's first position, so ids stay stable as lists grow. */
export function uniqueTokens(tokens: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tokens) {
    if (t !== '' && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

export function tokenizerJson(vocab: string[]) {
  const id = (t: string) => {
    const i = vocab.indexOf(t);
    if (i < 0) throw new Error(`vocabulary lacks ${t}`);
    return i;
  };
  return {
    version: '1.0',
    // transformers.js pads and truncates by itself (from tokenizer_config.json);
    // these mirror that so the Python tokenizers library would agree.
    truncation: { direction: 'Right', max_length: 512, strategy: 'LongestFirst', stride: 0 },
    padding: {
      strategy: 'BatchLongest',
      direction: 'Right',
      pad_to_multiple_of: null,
      pad_id: id('[PAD]'),
      pad_type_id: 0,
      pad_token: '[PAD]',
    },
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export const tokenizerConfig = {
  clean_up_tokenization_spaces: true,
  cls_token: '[CLS]',
  do_lower_case: true,
  mask_token: '[MASK]',
  model_max_length: 512,
  pad_token: '[PAD]',
  sep_token: '[SEP]',
  strip_accents: null,
  tokenize_chinese_chars: true,
  tokenizer_class: 'DistilBertTokenizer',
  unk_token: '[UNK]',
};

export const specialTokensMap = {
  cls_token: '[CLS]',
  mask_token: '[MASK]',
  pad_token: '[PAD]',
  sep_token: '[SEP]',
  unk_token: '[UNK]',
};

/** config.json of DistilBertForSequenceClassification with the SST-2 labels; `overrides` sets the sizes. */
export function distilbertConfig(overrides: Record<string, unknown>) {
  const config: Record<string, unknown> = {
    activation: 'gelu',
    architectures: ['DistilBertForSequenceClassification'],
    attention_dropout: 0.1,
    dim: 768,
    dropout: 0.1,
    finetuning_task: 'sst-2',
    hidden_dim: 3072,
    id2label: { '0': 'NEGATIVE', '1': 'POSITIVE' },
    initializer_range: 0.02,
    label2id: { NEGATIVE: 0, POSITIVE: 1 },
    max_position_embeddings: 512,
    model_type: 'distilbert',
    n_heads: 12,
    n_layers: 6,
    pad_token_id: 0,
    problem_type: 'single_label_classification',
    qa_dropout: 0.1,
    seq_classif_dropout: 0.2,
    sinusoidal_pos_embds: false,
    tie_weights_: true,
    vocab_size: 30522,
    ...overrides,
  };
  // Sorted keys keep the file stable whatever order overrides come in.
  return Object.fromEntries(Object.keys(config).sort().map((k) => [k, config[k]]));
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Writes a model directory in the layout transformers.js loads: JSON files at the top, ONNX under onnx/. */
export function writeModelDir(
  dir: string,
  parts: { config: unknown; vocab: string[]; onnx: Record<string, Uint8Array> },
): void {
  const files: [string, string | Uint8Array][] = [
    ['config.json', json(parts.config)],
    ['tokenizer.json', json(tokenizerJson(parts.vocab))],
    ['tokenizer_config.json', json(tokenizerConfig)],
    ['special_tokens_map.json', json(specialTokensMap)],
    ...Object.entries(parts.onnx).map(([name, bytes]): [string, Uint8Array] => [`onnx/${name}`, bytes]),
  ];
  for (const [name, data] of files) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    console.log(`${name.padEnd(28)} ${Buffer.byteLength(data).toLocaleString('en-US').padStart(13)} bytes`);
  }
}
