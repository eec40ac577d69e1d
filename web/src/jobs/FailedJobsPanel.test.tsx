import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { wireEvent, type CannedResponse, type Handler } from '../test/canned-client';
import { pastRefetchSpacing, renderLive } from '../test/render-live';
import { FailedJobsPanel } from './FailedJobsPanel';
import { FAILED_JOBS_LIMIT } from './use-live-failed-jobs';

const failed = (ticketId: string, { retryable = true, subject = `Subject of ${ticketId}` as string | null } = {}) => ({
  __typename: 'FailedJob',
  jobId: `${ticketId}~1`,
  ticketId,
  subject,
  error: `scorer refused ${ticketId}`,
  attemptsMade: 3,
  failedAt: '2026-01-02T03:04:05.000Z',
  retryable,
});

type Failed = ReturnType<typeof failed>;

function setup(initial: Failed[], overrides: Record<string, Handler> = {}) {
  let jobs = initial;
  const live = renderLive(<FailedJobsPanel />, {
    FailedJobs: () => ({ data: { failedJobs: { __typename: 'FailedJobsPage', total: jobs.length, jobs } } }),
    RetryJob: (variables) => ({ data: { retryJob: { __typename: 'Job', id: variables.jobId, ticketId: 'T-1', state: 'WAITING' } } }),
    ...overrides,
  });
  const setJobs = (next: Failed[]) => {
    jobs = next;
  };
  const rows = () => {
    const list = screen.queryByRole('list', { name: 'Failed jobs' });
    return list ? within(list).getAllByRole('listitem') : [];
  };
  const event = (id: string, type: Parameters<typeof contractData>[0], fields: Record<string, unknown> = {}) =>
    act(() => live.canned.push('LiveActivity', { activity: wireEvent(id, type, contractData(type, fields)) }));
  return { ...live, setJobs, rows, event };
}

// Past the refetch spacing: a refetch that should not happen would have been sent by then.
const settle = pastRefetchSpacing;

describe('FailedJobsPanel', () => {
  it('lists failed jobs, newest first, with their subject, error, attempts and a Retry for those that can be', async () => {
    const { rows, callsOf } = setup([failed('T-2'), failed('T-1', { retryable: false, subject: null })]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('FailedJobs')[0]!.variables).toEqual({ limit: FAILED_JOBS_LIMIT });
    const [first, second] = rows();
    expect(first).toHaveTextContent('T-2');
    expect(first).toHaveTextContent('Subject of T-2');
    expect(first).toHaveTextContent('scorer refused T-2');
    expect(first).toHaveTextContent('3 attempts');
    expect(first).toHaveTextContent('job T-2~1');
    expect(within(first!).getByRole('button', { name: 'Retry T-2' })).toBeInTheDocument();
    expect(within(second!).queryByRole('button')).toBeNull();
    expect(second).toHaveTextContent('Cannot be retried now');
    expect(screen.getByRole('region', { name: 'Failed jobs' })).not.toHaveClass('panel-compact');
  });

  it('is one compact line while there are none', async () => {
    setup([]);
    expect(await screen.findByText('No failed jobs')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Failed jobs' })).toHaveClass('panel-compact');
  });

  it('is not shown to a key whose role may not list failed jobs', async () => {
    const forbidden: CannedResponse = { data: null, errors: [{ message: "Your key's role may not use failedJobs", extensions: { code: 'FORBIDDEN' } }] };
    const { callsOf, event } = setup([], { FailedJobs: () => forbidden });
    await waitFor(() => expect(callsOf('FailedJobs')).toHaveLength(1));
    await settle();
    expect(screen.queryByRole('region', { name: 'Failed jobs' })).toBeNull();
    // Nor does it ask again at every failure, to be refused again.
    event('1700000001000-0', 'ticket_failed', { ticket_id: 'T-7', job_id: 'T-7~1' });
    await settle();
    expect(callsOf('FailedJobs')).toHaveLength(1);
  });

  it('asks again when a job fails or is retried, and not for other events', async () => {
    const { rows, setJobs, event, callsOf } = setup([]);
    await screen.findByText('No failed jobs');
    event('1700000001000-0', 'ticket_processed', { ticket_id: 'T-5' });
    event('1700000001100-0', 'ticket_accepted', { ticket_id: 'T-6' });
    await settle();
    expect(callsOf('FailedJobs')).toHaveLength(1);

    setJobs([failed('T-7')]);
    event('1700000002000-0', 'ticket_failed', { ticket_id: 'T-7', job_id: 'T-7~1' });
    await waitFor(() => expect(rows()).toHaveLength(1));
    setJobs([]);
    event('1700000003000-0', 'ticket_retried', { ticket_id: 'T-7', job_id: 'T-7~1' });
    expect(await screen.findByText('No failed jobs')).toBeInTheDocument();
    await settle();
    expect(callsOf('FailedJobs')).toHaveLength(3);
  });

  it('retries a job with its id and says so; the list is asked for again', async () => {
    const { rows, setJobs, callsOf } = setup([failed('T-1')]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    setJobs([]);
    await userEvent.click(screen.getByRole('button', { name: 'Retry T-1' }));
    expect(callsOf('RetryJob').map((c) => c.variables)).toEqual([{ jobId: 'T-1~1' }]);
    expect(await screen.findByText('No failed jobs')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Retrying T-1: its job is waiting for a worker.');
  });

  it("shows a refused retry where it was refused, in the API's words, and asks for the list again", async () => {
    const detail = 'Ticket T-1 was submitted again since job T-1~1 failed, and the newer submission holds its id: not retried';
    const { rows, setJobs, callsOf } = setup([failed('T-1')], {
      RetryJob: () => ({ data: null, errors: [{ message: detail, extensions: { code: 'CONFLICT', reason: 'claimed_again' } }] }),
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    setJobs([failed('T-1', { retryable: false })]);
    await userEvent.click(screen.getByRole('button', { name: 'Retry T-1' }));
    expect(await within(rows()[0]!).findByRole('alert')).toHaveTextContent(detail);
    await waitFor(() => expect(callsOf('FailedJobs')).toHaveLength(2));
    await waitFor(() => expect(within(rows()[0]!).queryByRole('button')).toBeNull());
  });
});
