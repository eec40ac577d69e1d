import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** One logger per process; `pretty` writes readable single lines for humans. */
export function createLogger(opts: { name: string; level: string; format: 'pretty' | 'json' }): Logger {
  if (opts.format === 'json') return pino({ name: opts.name, level: opts.level });
  return pino(
    { name: opts.name, level: opts.level },
    pretty({ sync: true, singleLine: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }),
  );
}
