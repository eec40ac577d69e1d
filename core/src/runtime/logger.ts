import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger };

export type LogFormat = 'auto' | 'pretty' | 'json';

/** The format `auto` stands for: pino's JSON lines unless stdout is a terminal. */
export const resolveLogFormat = (format: LogFormat, isTTY: boolean = process.stdout.isTTY === true): 'pretty' | 'json' =>
  format === 'auto' ? (isTTY ? 'pretty' : 'json') : format;

/**
 * One logger per process; `pretty` writes readable single lines for humans, `json` one
 * JSON object per line for collectors, `auto` (the default) picks by whether stdout is a terminal.
 */
export function createLogger(opts: { name: string; level: string; format: LogFormat }): Logger {
  const options = { name: opts.name, level: opts.level };
  if (resolveLogFormat(opts.format) === 'json') return pino(options);
  // Loaded only for humans: JSON-logging processes (services, tests, benchmarks) skip its ~30 modules.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pino(
    options,
    pretty({ sync: true, singleLine: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }),
  );
}
