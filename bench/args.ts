/** `--name <n>` from the command line (`npm run bench:x -- --name 5`), or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got ${process.argv[i + 1]}`);
  return value;
}

/** `--name a,b` → ['a', 'b'], or undefined when absent. */
export function listArg(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : (process.argv[i + 1] ?? '').split(',').filter(Boolean);
}

export const flagArg = (name: string): boolean => process.argv.includes(`--${name}`);

export { median } from './lib/stats.js';
