import { createLogger, createScorerOrExit, exitGracefullyOnSignals, startOrExit } from '@iq/core';
import { loadWorkerConfig } from './config.js';
import { startWorker } from './start-worker.js';

// The entry point owns what ends the process: a bad configuration or a scorer that
// cannot load exits 1 here, before anything connects; a signal drains, then exits.
const config = loadWorkerConfig();
const log = createLogger({ name: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
const worker = await startOrExit(startWorker({ config, log, scorer: await createScorerOrExit(config, log) }), log);
exitGracefullyOnSignals(log, 'finishing jobs in flight, then exiting', () => worker.close());
