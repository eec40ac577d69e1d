import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SubscriberOptions, SubscriberResult } from './subscribers-child.js';

export type { SubscriberOptions, SubscriberResult };

const child = fileURLToPath(new URL('./subscribers-child.ts', import.meta.url));

/**
 * Starts the subscribers' process; `ready` resolves once every subscription is live,
 * `result` once each subscriber got every event (or the timeout passed).
 */
export function subscribers(opts: SubscriberOptions): { ready: Promise<void>; result: Promise<SubscriberResult> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['pipe', 'pipe', 'pipe'] });
  proc.stdin.end(JSON.stringify(opts));
  let out = '';
  let err = '';
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  proc.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('subscribers ready')) onReady();
  });
  const result = new Promise<SubscriberResult>((resolve, reject) => {
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line?.startsWith('{')) return reject(new Error(`subscribers exited with ${code}: ${err}`));
      resolve(JSON.parse(line) as SubscriberResult);
    });
  });
  // A child that dies before ready must not leave `ready` pending forever.
  void result.catch(() => undefined).then(() => onReady());
  return { ready, result };
}
