/**
 * Both arms of every comparison run as child processes started the same way
 * (`node --import tsx <entry>`, testkit's spawnService), so neither shares an event loop
 * with the benchmark or the load generator.
 */
import { readFileSync } from 'node:fs';
import { freePort, spawnApi, spawnService, spawnWorker, type ServiceProcess } from '@iq/testkit';
import { bareEnv } from './project.js';

export interface HttpProcess extends ServiceProcess {
  url: string;
}

export async function projectApi(redisUrl: string, env: Record<string, string> = {}): Promise<HttpProcess> {
  return spawnApi(redisUrl, await freePort(), env);
}

export async function bareApi(redisUrl: string): Promise<HttpProcess> {
  const port = await freePort();
  const service = await spawnService('bench/baselines/bare-api.ts', { ...bareEnv(redisUrl), PORT: String(port) }, 'bare api ready', 'bare API');
  return Object.assign(service, { url: `http://127.0.0.1:${port}` });
}

export function projectWorker(redisUrl: string, concurrency: number, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return spawnWorker(redisUrl, { WORKER_CONCURRENCY: String(concurrency), ...env });
}

export function bareWorker(redisUrl: string, concurrency: number): Promise<ServiceProcess> {
  return spawnService('bench/baselines/bare-worker.ts', { ...bareEnv(redisUrl), WORKER_CONCURRENCY: String(concurrency) }, 'bare worker ready', 'bare worker');
}

/** Resident set size of a process, MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** SIGTERM, then SIGKILL after 5 s: a benchmark never leaves a process behind. */
export async function stop(proc: ServiceProcess): Promise<void> {
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 5_000);
  await proc.kill('SIGTERM');
  clearTimeout(timer);
}
