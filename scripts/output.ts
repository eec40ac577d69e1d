import type { Writable } from 'node:stream';

const ANSI_CODES = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
} as const;

/** Colours usable both here and as concurrently `prefixColor`s, so all prefixes look alike. */
export type PrefixColor = keyof typeof ANSI_CODES;

/** Whether to colour output written to `stream`, following the NO_COLOR / FORCE_COLOR conventions. */
export function shouldColor(stream: Writable & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}

/**
 * Builds a `[name]` prefix padded to `width`, in the same shape concurrently uses with
 * `padPrefix`, so lines from the launcher and from Redis align with the services' lines.
 */
export function formatPrefix(name: string, width: number, color: PrefixColor, colored: boolean): string {
  const text = `[${name.padEnd(width)}]`;
  return colored ? `\u001b[${ANSI_CODES[color]}m${text}\u001b[39m` : text;
}

/** Returns a function that writes each given line to `stream` behind a fixed prefix. */
export function linePrinter(prefix: string, stream: Writable): (line: string) => void {
  return (line) => {
    stream.write(`${prefix} ${line}\n`);
  };
}
