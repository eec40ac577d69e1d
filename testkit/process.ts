import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root directory (where services and scripts are started from). */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the process has written so far. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILLs it (if it still runs) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts an entry point of the repository (a service, the launcher) as a child process
 * with the tests' defaults (JSON logs, the lexicon scorer), collecting everything it prints.
 */
export function startEntry(entry: string, env: Record<string, string>): { child: ChildProcess; output(): string } {
  // Sources run through tsx; a bundle (`*.mjs`, scripts/bundle.ts) runs as `npm start` runs it.
  const args = entry.endsWith('.mjs') ? [entry] : ['--import', 'tsx', entry];
  // IQ_CPU_PROF_DIR: every service started here writes a V8 CPU profile there when it exits
  // (how the benchmarks' profiles are taken; node refuses --cpu-prof in NODE_OPTIONS).
  if (process.env.IQ_CPU_PROF_DIR) args.unshift('--cpu-prof', `--cpu-prof-dir=${process.env.IQ_CPU_PROF_DIR}`);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // The lexicon scorer unless a test asks for another: tests never reach the model hub.
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', URGENCY_SCORER: 'lexicon', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/**
 * Starts one of the project's real entry points (`worker/src/index.ts`, …) as a child
 * process, so a test can kill it, and resolves once its output contains `readyText`.
 */
export async function spawnService(entry: string, env: Record<string, string>, readyText: string, what: string): Promise<ServiceProcess> {
  const { child, output } = startEntry(entry, env);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started process behind
      reject(new Error(`${what} not ready in 30 s:\n${output()}`));
    }, 30_000);
    const onData = () => {
      if (output().includes(readyText)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before ready:\n${output()}`));
    });
  });
  return {
    child,
    output,
    exited,
    async kill(signal = 'SIGKILL') {
      if (running()) child.kill(signal);
      await exited;
    },
  };
}

/**
 * Runs one of the project's entry points until it exits by itself (or is SIGKILLed after
 * `ms`), for start-up failures: its exit code and everything it printed.
 */
export function runToExit(entry: string, env: Record<string, string>, ms = 20_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const { child, output } = startEntry(entry, env);
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    // 'close': the output is read to the end (the last line is what such tests check).
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output() });
    });
  });
}
