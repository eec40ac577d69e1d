/**
 * The project's own settings, read once in the benchmark's process and handed to the bare
 * baselines (which must not import @iq/core: its barrel would load what they are compared
 * against). Same queue, prefix, job options, pop script and keys on both sides.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  TRIAGE_JOB,
  TRIAGE_QUEUE,
  createKeys,
  jobOptions,
  jobPolicyFromEnv,
  loadScripts,
  parseEnv,
  sharedEnvShape,
} from '@iq/core';

export const PREFIX = 'iq';
export const keys = createKeys(PREFIX);
export const shared = parseEnv(sharedEnvShape, {});
export const policy = jobPolicyFromEnv(shared);
export const JOB_OPTIONS = jobOptions(policy);
export { TRIAGE_JOB, TRIAGE_QUEUE };

let popLuaFile: string | undefined;
/** The pop-next script, includes expanded, exactly as the API registers it. */
export function popLuaPath(): string {
  if (!popLuaFile) {
    const script = loadScripts().find((s) => s.name === 'popNext');
    if (!script) throw new Error('pop-next script not found');
    popLuaFile = path.join(mkdtempSync(path.join(tmpdir(), 'iq-bench-')), 'pop-next-4.lua');
    writeFileSync(popLuaFile, script.lua);
  }
  return popLuaFile;
}

/** Environment of the bare baselines: what they would otherwise take from @iq/core. */
export function bareEnv(redisUrl: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    BENCH_QUEUE: TRIAGE_QUEUE,
    BENCH_JOB_NAME: TRIAGE_JOB,
    BENCH_BULL_PREFIX: keys.bullPrefix,
    BENCH_JOB_OPTIONS: JSON.stringify(JOB_OPTIONS),
    BENCH_POP_LUA: popLuaPath(),
    BENCH_POP_KEYS: JSON.stringify([keys.processedIndex, keys.processedTickets, keys.claims, keys.activity]),
    BENCH_POP_ARGS: JSON.stringify([keys.activityChannel, shared.ACTIVITY_MAXLEN]),
  };
}
