import { ConfigError, parseEnv } from '@iq/core/env';
import { resolveAccess } from '@iq/server/access/access-setup';
import { serverEnvShape } from '@iq/server/config';
import { workerEnvShape } from '@iq/worker/config';

/** Every problem of `check`, or none; anything but a ConfigError is a bug and is thrown. */
function problemsOf(check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/**
 * Every problem with the environment the services would start with, of every service, as
 * one list: a variable both read (JOB_ATTEMPTS, REDIS_URL…) is named once, with both
 * names. Checked before anything starts, so an operator fixes them all in one go rather
 * than one process's at a time.
 */
export function configProblems(env: Record<string, string | undefined>): string[] {
  const api = problemsOf(() => resolveAccess(parseEnv(serverEnvShape, env)));
  const worker = problemsOf(() => parseEnv(workerEnvShape, env));
  const seenBy = new Map<string, string[]>();
  for (const [service, problems] of [['api', api], ['worker', worker]] as const) {
    for (const problem of problems) seenBy.set(problem, [...(seenBy.get(problem) ?? []), service]);
  }
  return [...seenBy].map(([problem, services]) => `${problem} (${services.join(', ')})`);
}
