import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLexiconScorer, createLogger, type Scorer } from '@iq/core';
import { parseWorkerConfig } from '@iq/worker/config';
import { startTicketWorker, type TicketWorker } from '@iq/worker/worker';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts a real BullMQ ticket worker in this process. */
export async function startWorker(
  redisUrl: string,
  env: Record<string, string> = {},
  scorer: Scorer = createLexiconScorer(),
): Promise<TicketWorker> {
  const config = parseWorkerConfig({ REDIS_URL: redisUrl, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env });
  return startTicketWorker(config, scorer, createLogger({ name: 'worker', level: config.LOG_LEVEL, format: 'json' }));
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process has written so far. */
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Starts the worker's real entry point as a child process (so a test can SIGKILL it)
 * and resolves once it logs that it is ready.
 */
export async function spawnWorker(redisUrl: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/src/index.ts'], {
    cwd: repoRoot,
    // The lexicon scorer unless a test asks for another: tests never reach the model hub.
    env: { ...process.env, REDIS_URL: redisUrl, LOG_FORMAT: 'json', LOG_LEVEL: 'info', URGENCY_SCORER: 'lexicon', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started worker behind
      reject(new Error(`worker not ready in 30 s:\n${output}`));
    }, 30_000);
    const onData = () => {
      if (output.includes('worker ready')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before ready:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}
