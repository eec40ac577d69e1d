import { configProblemsOf as problemsOf, parseEnv } from '@iq/core/env';
import { resolveAccess } from '@iq/server/access/access-setup';
import { serverEnvShape } from '@iq/server/config';
import { parseWorkerConfig } from '@iq/worker/config';

/**
 * Every problem with the environment the services would start with, of every service, as
 * one list: a variable both read (JOB_ATTEMPTS, REDIS_URL…) is named once, with both
 * names. Checked before anything starts, so an operator fixes them all in one go rather
 * than one process's at a time.
 */
export function configProblems(env: Record<string, string | undefined>): string[] {
  const api = problemsOf(() => resolveAccess(parseEnv(serverEnvShape, env)));
  // The worker's whole parse: WORKER_TEAMS is checked against TEAM_QUEUES there.
  const worker = problemsOf(() => parseWorkerConfig(env));
  const seenBy = new Map<string, string[]>();
  for (const [service, problems] of [['api', api], ['worker', worker]] as const) {
    for (const problem of problems) seenBy.set(problem, [...(seenBy.get(problem) ?? []), service]);
  }
  return [...seenBy].map(([problem, services]) => `${problem} (${services.join(', ')})`);
}
