import type { z } from 'zod';
import { ConfigError, parseEnv } from './env.js';
import type { Logger } from './logger.js';
import { createScorer, type ScorerConfig } from '../scoring/select-scorer.js';
import type { Scorer } from '../scoring/scorer.js';
import { ModelUnavailableError } from '../scoring/model-unavailable.js';
import { UrgencyModelError } from '../urgency/urgency-model.js';
import { RedisUnreachableError } from '../redis/connection.js';

/*
 * The only place in core that ends the process: entry points call these, everything else
 * throws and lets them decide. (A test keeps it that way.)
 */

/** For entry points: parse or print every problem and exit 1. */
export function loadEnvOrExit<S extends z.ZodRawShape>(shape: S): z.infer<z.ZodObject<S>> {
  try {
    return parseEnv(shape);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * For entry points: what starts the service, or, when Redis does not answer at start-up,
 * that one sentence (see RedisUnreachableError) and exit 1, instead of a stack trace.
 */
export async function startOrExit<T>(start: Promise<T>, log: Logger): Promise<T> {
  try {
    return await start;
  } catch (error) {
    if (!(error instanceof RedisUnreachableError)) throw error;
    log.fatal(error.message);
    process.exit(1);
  }
}

/** For entry points: `createScorer`, or print why the scorer cannot start (a transformer that will not load, a malformed urgency model) and exit 1. */
export async function createScorerOrExit(config: ScorerConfig, log: Logger): Promise<Scorer> {
  try {
    return await createScorer(config, log);
  } catch (error) {
    if (error instanceof UrgencyModelError) {
      log.fatal(`${error.message}. Fix the file, run \`npm run train:urgency\`, or set URGENCY_MODEL_FILE.`);
      process.exit(1);
    }
    if (!(error instanceof ModelUnavailableError)) throw error;
    log.fatal(`URGENCY_SCORER=transformer, but ${error.message}. Set URGENCY_MODEL to a model directory, run \`npm run model:fetch\`, or use URGENCY_SCORER=auto.`);
    process.exit(1);
  }
}
