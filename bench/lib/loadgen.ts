import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
export function load(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stdin.end(JSON.stringify(opts));
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      const result = JSON.parse(line) as LoadResult;
      if (result.ok === 0) return reject(new Error(`no 2xx answers from ${String(opts.url)} (${result.non2xx} non-2xx, ${result.errors} errors)`));
      resolve(result);
    });
  });
}
