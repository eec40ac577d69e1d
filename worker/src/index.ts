import { createLexiconScorer, createLogger, exitGracefullyOnSignals } from '@iq/core';
import { loadWorkerConfig } from './config.js';
import { startTicketWorker } from './create-worker.js';

const config = loadWorkerConfig();
const log = createLogger({ name: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const worker = await startTicketWorker(config, createLexiconScorer(), log);
exitGracefullyOnSignals(log, 'finishing jobs in flight, then exiting', () => worker.close());
