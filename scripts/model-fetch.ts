/**
 * Downloads the urgency model into the model cache (MODEL_CACHE_DIR) with a progress bar,
 * so workers start offline afterwards. Honours URGENCY_MODEL and MODEL_DTYPE.
 *
 * Usage: npm run model:fetch
 */
import { loadTransformerScorer, parseEnv, scorerEnvShape, transformerOptions } from '@iq/core';

const config = parseEnv(scorerEnvShape);
const width = 30;
const done = new Set<string>();

function draw(file: string, percent: number, total?: number): void {
  const filled = Math.round((percent / 100) * width);
  const size = total ? ` of ${(total / 2 ** 20).toFixed(1)} MiB` : '';
  const line = `  ${file.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent.toFixed(0).padStart(3)}%${size}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : percent >= 100 ? `${line}\n` : '');
  if (percent >= 100 && process.stderr.isTTY && !done.has(file)) process.stderr.write('\n');
  if (percent >= 100) done.add(file);
}

process.stderr.write(`Fetching ${config.URGENCY_MODEL} (${config.MODEL_DTYPE}) into ${config.MODEL_CACHE_DIR}\n`);
try {
  const scorer = await loadTransformerScorer({
    ...transformerOptions(config),
    offline: false, // fetching is the point
    onProgress: (info) => {
      if (info.status === 'progress' && !done.has(info.file)) draw(info.file, info.progress, info.total);
    },
  });
  const [angry, calm] = await scorer.score(['This is broken and I am furious!', 'Thanks, everything works great.']);
  process.stderr.write(`Ready: ${scorer.info.model} — S(angry) = ${angry!.score.toFixed(3)}, S(calm) = ${calm!.score.toFixed(3)}\n`);
} catch (error) {
  process.stderr.write(`\nCould not fetch the model: ${(error as Error).message}\n`);
  process.exit(1);
}
