/**
 * Both arms of every comparison run as child processes started the same way: a bundle
 * (scripts/bundle.ts) under plain `node`, as `npm start` runs the project's services, so
 * neither shares an event loop with the benchmark or the load generator and neither pays
 * for a TypeScript loader the other does not.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort, repoRoot, spawnApi, spawnService, spawnWorker, type ServiceProcess } from '@iq/testkit';
import { SERVICE_ENV, bareEnv } from './project.js';

/** Where scripts/bundle.ts writes each entry: `<top dir>/dist/<name>.mjs`. */
export const BUNDLES = {
  api: 'server/dist/index.mjs',
  worker: 'worker/dist/index.mjs',
  bareApi: 'bench/dist/bare-api.mjs',
  bareWorker: 'bench/dist/bare-worker.mjs',
  rawOnnx: 'bench/dist/raw-onnx.mjs',
} as const;

/** Bundles the project's services and the baselines, once per benchmark run. */
export function bundleAll(): void {
  const entries = ['server/src/index.ts', 'worker/src/index.ts', 'bench/baselines/bare-api.ts', 'bench/baselines/bare-worker.ts', 'bench/baselines/raw-onnx.ts'];
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts', ...entries], { cwd: repoRoot, stdio: 'ignore' });
}

export interface HttpProcess extends ServiceProcess {
  url: string;
}

/** The project's API; `env` over SERVICE_ENV (one team queue, like the baselines' one queue). */
export async function projectApi(redisUrl: string, env: Record<string, string> = {}): Promise<HttpProcess> {
  return spawnApi(redisUrl, await freePort(), { ...SERVICE_ENV, ...env }, BUNDLES.api);
}

export async function bareApi(redisUrl: string): Promise<HttpProcess> {
  const port = await freePort();
  const service = await spawnService(BUNDLES.bareApi, { ...bareEnv(redisUrl), PORT: String(port) }, 'bare api ready', 'bare API');
  return Object.assign(service, { url: `http://127.0.0.1:${port}` });
}

/** The project's worker; `env` over SERVICE_ENV (one team queue, like the baselines' one queue). */
export function projectWorker(redisUrl: string, concurrency: number, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return spawnWorker(redisUrl, { ...SERVICE_ENV, WORKER_CONCURRENCY: String(concurrency), ...env }, BUNDLES.worker);
}

export function bareWorker(redisUrl: string, concurrency: number): Promise<ServiceProcess> {
  return spawnService(BUNDLES.bareWorker, { ...bareEnv(redisUrl), WORKER_CONCURRENCY: String(concurrency) }, 'bare worker ready', 'bare worker');
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
