import { UnrecoverableError } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '@iq/core';
import { onJobFailed, type FailedJob } from './on-job-failed.js';

const job = (attemptsMade: number, data: unknown = { ticket_id: 't-1' }): FailedJob =>
  ({ id: 'job-1', data, attemptsMade, opts: { attempts: 3 } }) as FailedJob;

function setup(released = true) {
  const store = { release: vi.fn(async () => released) };
  const forget = vi.fn(async () => undefined);
  const log = { warn: vi.fn(), error: vi.fn() } as unknown as Logger;
  return { onFailed: onJobFailed({ team: 'billing', store, forget, log }), store, forget, log };
}

describe('failure policy', () => {
  it('logs a failure that will be retried, and keeps the claim', () => {
    const { onFailed, store, log } = setup();
    const error = new Error('scorer unavailable');
    onFailed(job(1), error);
    expect(log.warn).toHaveBeenCalledWith({ job: 'job-1', ticket: 't-1', attempt: 1, final: false, err: error }, 'job failed');
    expect(store.release).not.toHaveBeenCalled();
  });

  it('releases the ticket id with ticket_failed once the attempts are used up, and forgets its owner record', async () => {
    const { onFailed, store, forget } = setup();
    onFailed(job(3), new Error('scorer unavailable'));
    expect(store.release).toHaveBeenCalledExactlyOnceWith('t-1', 'job-1', 'ticket_failed', 'scorer unavailable');
    await vi.waitFor(() => expect(forget).toHaveBeenCalledExactlyOnceWith('t-1', 'job-1'));
  });

  it('keeps the owner record of a ticket the release did not free (it was stored)', async () => {
    const { onFailed, store, forget } = setup(false);
    onFailed(job(3), new Error('alert enqueue failed'));
    await vi.waitFor(() => expect(store.release).toHaveBeenCalledOnce());
    await new Promise((resolve) => setImmediate(resolve));
    expect(forget).not.toHaveBeenCalled();
  });

  it('counts failures for good in iq_tickets_failed_total, and retried ones not', () => {
    const store = { release: vi.fn(async () => true) };
    const log = { warn: vi.fn(), error: vi.fn() } as unknown as Logger;
    const ticketsFailed = { inc: vi.fn() };
    const onFailed = onJobFailed({ team: 'billing', store, log, metrics: { ticketsFailed } as never });
    onFailed(job(1), new Error('retried'));
    expect(ticketsFailed.inc).not.toHaveBeenCalled();
    onFailed(job(3), new Error('final'));
    onFailed(job(1), new UnrecoverableError('final too'));
    expect(ticketsFailed.inc).toHaveBeenCalledTimes(2);
    expect(ticketsFailed.inc).toHaveBeenCalledWith({ team: 'billing' });
  });

  it('takes an UnrecoverableError as final on the first attempt, and reads a job of the old shape', () => {
    const { onFailed, store } = setup();
    onFailed(job(1, { ticket: { ticket_id: 'old-1' } }), new UnrecoverableError('invalid job payload'));
    expect(store.release).toHaveBeenCalledExactlyOnceWith('old-1', 'job-1', 'ticket_failed', 'invalid job payload');
  });

  it('releases nothing for a job without a ticket id, or without a job', () => {
    const { onFailed, store } = setup();
    onFailed(job(3, {}), new Error('x'));
    onFailed(undefined, new Error('x'));
    expect(store.release).not.toHaveBeenCalled();
  });

  it('logs, never throws, when the release fails', async () => {
    const { onFailed, store, log } = setup();
    const error = new Error('Connection is closed.');
    store.release.mockRejectedValueOnce(error);
    onFailed(job(3), new Error('x'));
    await vi.waitFor(() => expect(log.error).toHaveBeenCalledWith({ err: error }, 'could not record ticket_failed'));
  });
});
