/**
 * The project's own settings, read once in the benchmark's process and handed to the bare
 * baselines (which must not import @iq/core: its barrel would load what they are compared
 * against). Same queue, prefix, job options, pop script and keys on both sides.
 *
 * The baselines are single-queue implementations (one BullMQ queue, one processed queue),
 * so the project's services run with one team queue (`TEAM_QUEUES=general`, SERVICE_ENV)
 * and both sides use that team's keys (`{iq:general}:…`): the same work on each side. What
 * the project does on top, even with one team (the arrival number and owner record under
 * `{iq}`), is its own cost. Team queues against each other and on a cluster: team-scale.ts.
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
/** The one team queue the services run with here: the queue the bare baselines also use. */
export const TEAM = 'general';
/** The team's keys: what the bench reads and writes directly, and the baselines' queue and pop keys. */
export const keys = createKeys(PREFIX, TEAM);
export const shared = parseEnv(sharedEnvShape, { TEAM_QUEUES: TEAM, QUEUE_PREFIX: PREFIX });
/**
 * Set on every project service the suite starts (not inherited: a TEAM_QUEUES,
 * WORKER_TEAMS, QUEUE_PREFIX or REDIS_CLUSTER_NODES in the caller's shell would otherwise win).
 */
export const SERVICE_ENV: Readonly<Record<string, string>> = { TEAM_QUEUES: TEAM, WORKER_TEAMS: '', QUEUE_PREFIX: PREFIX, REDIS_CLUSTER_NODES: '' };
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
    // After the timestamp: no expected head, floor '0', the unconditional pop the API makes with one team.
    BENCH_POP_TAIL: JSON.stringify(['', '0']),
  };
}
