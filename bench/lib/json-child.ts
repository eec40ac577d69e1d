import { spawn } from 'node:child_process';

/**
 * Runs `node <args>` with `input` as JSON on stdin and resolves with the JSON of its last
 * stdout line: how the benchmark talks to the load generator and the raw-onnx baseline,
 * each in a process of its own.
 */
export function runJsonChild<T>(args: string[], input: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stdin.end(JSON.stringify(input));
    let out = '';
    let err = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line?.startsWith('{')) return reject(new Error(`${what} exited with ${code}: ${err}`));
      resolve(JSON.parse(line) as T);
    });
  });
}
