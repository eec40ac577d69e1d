import { createLexiconScorer, createLogger } from '@iq/core';
import { loadWorkerConfig } from './config.js';
import { startTicketWorker } from './create-worker.js';

const config = loadWorkerConfig();
const log = createLogger({ name: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const scorer = createLexiconScorer();
const worker = await startTicketWorker(config, scorer, log);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'finishing jobs in flight, then exiting');
  try {
    await worker.close();
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
