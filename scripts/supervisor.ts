import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One long-running process to keep alive. */
export interface ProcessSpec {
  name: string;
  /** An executable (found on the given PATH) and its arguments; no shell in between, so signals reach it. */
  command: string;
  args: string[];
}

export interface SupervisorOptions {
  cwd: string;
  /** Laid over the launcher's own environment for every process. */
  env: Record<string, string>;
  /** Each line a process prints (stdout or stderr). */
  output(name: string, line: string, stream: 'stdout' | 'stderr'): void;
  /** The supervisor's own lines: starts, exits, restarts. */
  log: { info(message: string): void; error(message: string): void };
  /** How long stopped processes get before SIGKILL. */
  graceMs: number;
  /** The first restart's delay; it doubles with each crash up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A run this long resets the backoff: the next crash restarts after `backoffMs` again. */
  stableMs?: number;
  /**
   * A process whose first run exits with an error code within this window could not start
   * (configuration, Redis, a port in use): restarting would only repeat it, so the whole
   * stack stops. Killed by a signal, or later, it is restarted.
   */
  startupWindowMs?: number;
}

export interface Supervisor {
  /** Settles when every process has ended: stopped on request, or after one could not start. */
  readonly done: Promise<{ couldNotStart?: { name: string; exitCode: number } }>;
  /** Stops every process (`signal`, then SIGKILL after the grace period); no more restarts. */
  stop(signal?: NodeJS.Signals): void;
  /** The pid of a process's current run (for tests and the log). */
  pid(name: string): number | undefined;
}

interface Slot {
  spec: ProcessSpec;
  child?: ChildProcess;
  startedAt: number;
  runs: number;
  crashes: number;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Keeps processes running: a crashed one (a non-zero exit, or killed by a signal nobody
 * asked for) is restarted with exponential backoff and a log line, and the others keep
 * serving. Stopping ends them all, with no restarts.
 */
export function supervise(specs: ProcessSpec[], options: SupervisorOptions): Supervisor {
  const { backoffMs = 1_000, maxBackoffMs = 30_000, stableMs = 60_000, startupWindowMs = 10_000 } = options;
  const slots = specs.map((spec): Slot => ({ spec, startedAt: 0, runs: 0, crashes: 0 }));
  let stopping = false;
  let killTimer: NodeJS.Timeout | undefined;
  let couldNotStart: { name: string; exitCode: number } | undefined;
  let settle!: (result: { couldNotStart?: { name: string; exitCode: number } }) => void;
  const done = new Promise<{ couldNotStart?: { name: string; exitCode: number } }>((resolve) => (settle = resolve));

  const running = () => slots.filter((s) => s.child);
  const finishIfAllEnded = () => {
    if (!stopping || running().length > 0) return;
    clearTimeout(killTimer);
    settle(couldNotStart ? { couldNotStart } : {});
  };

  function start(slot: Slot): void {
    const { spec } = slot;
    const child = spawn(spec.command, spec.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    slot.child = child;
    slot.startedAt = Date.now();
    slot.runs += 1;
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream]! }).on('line', (line) => options.output(spec.name, line, stream));
    }
    child.on('error', (error) => options.log.error(`${spec.name}: ${error.message}`));
    // 'close', not 'exit': a command that cannot be spawned (ENOENT) never emits 'exit',
    // and its output is read to the end before the exit is reported.
    child.once('close', (code, signal) => onExit(slot, code, signal));
  }

  function onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    slot.child = undefined;
    const { name } = slot.spec;
    if (stopping) return finishIfAllEnded();
    const uptime = Date.now() - slot.startedAt;
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (slot.runs === 1 && signal === null && code !== 0 && uptime < startupWindowMs) {
      options.log.error(`${name} could not start (it ${how.replace('was ', '')}); stopping the others`);
      couldNotStart = { name, exitCode: code ?? 1 };
      return stop('SIGTERM');
    }
    slot.crashes = uptime >= stableMs ? 1 : slot.crashes + 1;
    const delay = Math.min(backoffMs * 2 ** (slot.crashes - 1), maxBackoffMs);
    options.log.error(`${name} ${how} after ${(uptime / 1000).toFixed(1)} s; restarting it in ${delay / 1000} s (crash ${slot.crashes} in a row)`);
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      if (stopping) return;
      start(slot);
      options.log.info(`${name} restarted (pid ${slot.child?.pid})`);
    }, delay);
  }

  function stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) clearTimeout(slot.restartTimer);
    for (const slot of running()) slot.child!.kill(signal);
    killTimer = setTimeout(() => {
      const stuck = running();
      if (stuck.length === 0) return;
      options.log.error(`${stuck.map((s) => s.spec.name).join(', ')} still running after ${options.graceMs / 1000} s; sending SIGKILL`);
      for (const slot of stuck) slot.child!.kill('SIGKILL');
    }, options.graceMs);
    finishIfAllEnded();
  }

  for (const slot of slots) start(slot);
  return { done, stop, pid: (name) => slots.find((s) => s.spec.name === name)?.child?.pid };
}
