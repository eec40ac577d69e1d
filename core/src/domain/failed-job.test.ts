import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from './errors.js';
import { failedJob, retryRefused, type FailedJobFacts } from './failed-job.js';

const facts: FailedJobFacts = { id: 'T-1~4', ticketId: 'T-1', failedReason: 'scorer unavailable', attemptsMade: 3, finishedOn: Date.UTC(2026, 0, 2, 3, 4, 5) };
const payload = JSON.stringify({ ticket: { ticket_id: 'T-1', subject: 'Cannot log in', body: 'x' }, seq: 4, created_at: '2026-01-02T03:04:00.000Z' });

describe('failedJob', () => {
  it('lists a job whose content is kept and whose id is free as retryable, with its subject and error', () => {
    expect(failedJob(facts, payload, null)).toEqual({
      job_id: 'T-1~4',
      ticket_id: 'T-1',
      subject: 'Cannot log in',
      error: 'scorer unavailable',
      attempts_made: 3,
      failed_at: '2026-01-02T03:04:05.000Z',
      retryable: true,
    });
  });

  it('is not retryable while any job holds the ticket id: a newer submission, or this one before its release', () => {
    expect(failedJob(facts, payload, 'T-1~9').retryable).toBe(false);
    expect(failedJob(facts, payload, 'T-1~4').retryable).toBe(false);
  });

  it('is not retryable, and has no subject, once its content is gone or unreadable', () => {
    expect(failedJob(facts, null, null)).toMatchObject({ subject: null, retryable: false });
    expect(failedJob(facts, '{not json', null)).toMatchObject({ subject: null, retryable: true });
  });

  it('says so when BullMQ recorded no reason or time', () => {
    expect(failedJob({ ...facts, failedReason: undefined, finishedOn: undefined }, null, null)).toMatchObject({ error: '', failed_at: null });
  });
});

describe('retryRefused', () => {
  it('is not found for an unknown job or one that did not fail', () => {
    for (const refusal of ['unknown', 'not_failed'] as const) expect(retryRefused(refusal, 'T-1~4', 'T-1')).toBeInstanceOf(NotFoundError);
  });

  it('is a conflict, with its reason, when the state says no', () => {
    for (const refusal of ['in_progress', 'claimed_again', 'payload_gone'] as const) {
      const error = retryRefused(refusal, 'T-1~4', 'T-1');
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).reason).toBe(refusal);
      expect(error.message).toContain('T-1');
    }
  });
});
