import { createLogger, createScorerOrExit, exitGracefullyOnSignals } from '@iq/core';
import { loadWorkerConfig } from './config.js';
import { startTicketWorker } from './create-worker.js';

const config = loadWorkerConfig();
const log = createLogger({ name: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
// The model loads (and warms up) before the worker takes its first job.
const worker = await startTicketWorker(config, await createScorerOrExit(config, log), log);
exitGracefullyOnSignals(log, 'finishing jobs in flight, then exiting', () => worker.close());
