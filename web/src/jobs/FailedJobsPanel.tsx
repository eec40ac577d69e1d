import { useState } from 'react';
import { useMutation } from 'urql';
import { formatClock } from '../format';
import { RetryJobMutation, retryFailure, useLiveFailedJobs, type FailedJobRow } from './use-live-failed-jobs';

type RowState = { pending: true; error?: undefined } | { pending?: undefined; error: string };

/**
 * Triage jobs that failed for good, newest first, with the error of their last attempt
 * and a Retry that claims the ticket id again (the job is then processed like a new
 * submission). Only for keys that may see them (admin): for any other the API answers
 * FORBIDDEN and the panel is not drawn. A single line while there are none.
 */
export function FailedJobsPanel() {
  const live = useLiveFailedJobs();
  const [, executeRetry] = useMutation(RetryJobMutation);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const [notice, setNotice] = useState('');

  const setRow = (jobId: string, state: RowState | null) =>
    setRows((current) => {
      const { [jobId]: _old, ...rest } = current;
      return state ? { ...rest, [jobId]: state } : rest;
    });

  async function retry(job: FailedJobRow) {
    if (rows[job.jobId]?.pending) return;
    setNotice('');
    setRow(job.jobId, { pending: true });
    const result = await executeRetry({ jobId: job.jobId });
    if (result.error) {
      setRow(job.jobId, { error: retryFailure(result.error) });
      // The list was out of date (a newer submission, another retry): show what is true now.
      live.refresh();
      return;
    }
    setRow(job.jobId, null);
    setNotice(`Retrying ${job.ticketId}: its job is waiting for a worker.`);
    live.refresh();
  }

  if (live.forbidden) return null;
  const { jobs, total } = live;
  const empty = jobs !== null && jobs.length === 0;
  return (
    <section aria-label="Failed jobs" className={`panel panel-failed${empty ? ' panel-compact' : ''}`}>
      <div className="panel-head">
        <h2>Failed jobs</h2>
        <span className="count">{jobs === null ? '' : jobs.length < total ? `${jobs.length} newest of ${total}` : `${total}`}</span>
      </div>
      <p className="notice" role="status">
        {notice}
      </p>
      {live.error && jobs === null && (
        <p role="alert" className="form-error">
          Could not load the failed jobs: {live.error}
        </p>
      )}
      {jobs === null ? (
        <p className="muted">Loading failed jobs…</p>
      ) : empty ? (
        <p className="empty">No failed jobs</p>
      ) : (
        <ul aria-label="Failed jobs" className="failed-list">
          {jobs.map((job) => (
            <FailedJobItem key={job.jobId} job={job} state={rows[job.jobId]} onRetry={() => void retry(job)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FailedJobItem({ job, state, onRetry }: { job: FailedJobRow; state: RowState | undefined; onRetry: () => void }) {
  const when = job.failedAt ? formatClock(Date.parse(job.failedAt)) : null;
  return (
    <li className="failed-job" aria-label={`${job.ticketId}: ${job.subject ?? 'failed job'}`}>
      <div className="failed-main">
        <strong>{job.ticketId}</strong> {job.subject && <span>{job.subject}</span>}
      </div>
      <p className="failed-error">{job.error || 'no error recorded'}</p>
      <p className="muted">
        {job.attemptsMade} attempt{job.attemptsMade === 1 ? '' : 's'}
        {when && ` · failed at ${when}`} · job {job.jobId}
      </p>
      {job.retryable ? (
        <button type="button" onClick={onRetry} aria-disabled={state?.pending === true} aria-label={`Retry ${job.ticketId}`}>
          {state?.pending ? 'Retrying…' : 'Retry'}
        </button>
      ) : (
        <p className="muted">Cannot be retried now: its ticket id is taken (submitted again), or its content is no longer kept.</p>
      )}
      {state?.error && (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      )}
    </li>
  );
}
