import { FAILED_JOBS_CHANGING_EVENTS, type ActivityType } from '@iq/core/domain';
import type { CombinedError } from '@urql/core';
import { useQuery } from 'urql';
import { FORBIDDEN_MESSAGE, errorText, isForbidden } from '../auth/forbidden';
import { graphql, type ResultOf } from '../graphql';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';

export const FailedJobsQuery = graphql(`
  query FailedJobs($limit: Int!) {
    failedJobs(limit: $limit) {
      total
      jobs {
        jobId
        ticketId
        subject
        error
        attemptsMade
        failedAt
        retryable
      }
    }
  }
`);

export const RetryJobMutation = graphql(`
  mutation RetryJob($jobId: ID!) {
    retryJob(jobId: $jobId) { id ticketId state }
  }
`);

export type FailedJobRow = ResultOf<typeof FailedJobsQuery>['failedJobs']['jobs'][number];

const NO_EVENTS: ReadonlySet<ActivityType> = new Set();

/** The newest failed jobs the panel lists; the total says how many more there are. */
export const FAILED_JOBS_LIMIT = 50;

export interface LiveFailedJobs {
  /** Newest first; null until the first answer; while a refetch fails, the last answer. */
  jobs: FailedJobRow[] | null;
  total: number;
  /** The key's role may not list failed jobs (admin only): the panel is not shown. */
  forbidden: boolean;
  error: string | null;
  refresh: () => void;
}

/**
 * The failed triage jobs, asked for on mount, on every (re)connect, and whenever a job
 * fails for good or is retried (`FAILED_JOBS_CHANGING_EVENTS`). No polling. A ticket id
 * submitted again makes its failed job not retryable without either event: the retry then
 * answers CONFLICT, and the panel asks again.
 */
export function useLiveFailedJobs(): LiveFailedJobs {
  const [result, reexecute] = useQuery({
    query: FailedJobsQuery,
    variables: { limit: FAILED_JOBS_LIMIT },
    requestPolicy: 'network-only',
  });
  const forbidden = isForbidden(result.error);
  // A key that may not list them does not ask again at every failure (a reconnect or a new key still asks).
  const refresh = useLiveRefetch(result, reexecute, forbidden ? NO_EVENTS : FAILED_JOBS_CHANGING_EVENTS);
  const page = useLastAnswer(result.data?.failedJobs);
  return {
    jobs: page?.jobs ?? null,
    total: page?.total ?? 0,
    forbidden,
    error: result.error ? errorText(result.error) : null,
    refresh,
  };
}

/** Why a retry failed, in the API's words (CONFLICT and NOT_FOUND say which); FORBIDDEN is the role message. */
export function retryFailure(error: CombinedError): string {
  if (isForbidden(error)) return FORBIDDEN_MESSAGE;
  return error.graphQLErrors[0]?.message ?? error.message;
}
