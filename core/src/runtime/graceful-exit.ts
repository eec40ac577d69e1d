import type { Logger } from './logger.js';

/**
 * On the first SIGTERM or SIGINT, runs `close` and exits 0 (1 if closing failed).
 * Repeated signals are ignored: one Ctrl-C often arrives several times (terminal,
 * npm and the launcher all relay it), and a second one must not cut the drain short.
 */
export function exitGracefullyOnSignals(log: Logger, announce: string, close: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, announce);
    try {
      await close();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void shutdown(s));
}
