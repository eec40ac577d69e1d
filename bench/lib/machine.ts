import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** What the figures were measured on: they mean little without it. */
export function machineInfo() {
  const cpus = os.cpus();
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  let redisVersion: string | null;
  try {
    redisVersion = /v=(\S+)/.exec(execFileSync(process.env.REDIS_SERVER_BIN ?? 'redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? null;
  } catch {
    redisVersion = null;
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemMiB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    redis: redisVersion,
    commit: git(['rev-parse', '--short', 'HEAD']),
    /** The working tree had changes beyond the commit (others work on it concurrently). */
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
  };
}

export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
