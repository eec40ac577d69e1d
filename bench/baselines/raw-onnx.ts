/**
 * The transformer worker's own parts: the model's tokenizer + onnxruntime-node
 * `InferenceSession.run` on batches of the same size, over the same texts, in a process
 * of its own. Reads {model, dtype, batch, texts} as JSON from stdin; loads and warms up
 * (untimed, as the worker does before taking jobs), then prints texts/s of one timed pass.
 */
import path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const { model, dtype, batch, texts } = JSON.parse(input) as { model: string; dtype: string; batch: number; texts: string[] };
const tokenizer = await AutoTokenizer.from_pretrained(model, { local_files_only: true });
const session = await ort.InferenceSession.create(path.join(model, 'onnx', dtype === 'fp32' ? 'model.onnx' : 'model_quantized.onnx'));
const run = async (slice: string[]) => {
  const enc = tokenizer(slice, { padding: true, truncation: true, max_length: 512 });
  await session.run({
    input_ids: new ort.Tensor('int64', enc.input_ids.data as BigInt64Array, enc.input_ids.dims),
    attention_mask: new ort.Tensor('int64', enc.attention_mask.data as BigInt64Array, enc.attention_mask.dims),
  });
};
await run(texts.slice(0, batch)); // warm-up
const start = performance.now();
for (let i = 0; i < texts.length; i += batch) await run(texts.slice(i, i + batch));
console.log(JSON.stringify({ rate: (texts.length / (performance.now() - start)) * 1000 }));
await session.release();
process.exit(0);
