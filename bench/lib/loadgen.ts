import { fileURLToPath } from 'node:url';
import { runJsonChild } from './json-child.js';

export interface LoadOptions {
  /** One URL, or several: autocannon spreads the connections over them. */
  url: string | string[];
  connections: number;
  /** Run for this long… */
  durationS?: number;
  /** …or send exactly this many requests. */
  amount?: number;
  method: 'GET' | 'POST';
  body?: string;
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  elapsedS: number;
  /** 2xx answers per second. */
  rate: number;
  /** Latency percentiles, ms. */
  p50: number;
  p99: number;
}

const child = fileURLToPath(new URL('./loadgen-child.ts', import.meta.url));

/** Runs autocannon in a child process against `opts.url` and returns its figures. */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  const result = await runJsonChild<LoadResult>(['--import', 'tsx', child], opts, 'autocannon');
  if (result.ok === 0) throw new Error(`no 2xx answers from ${String(opts.url)} (${result.non2xx} non-2xx, ${result.errors} errors)`);
  return result;
}
