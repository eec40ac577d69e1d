import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { createLexiconScorer, createLogger, type ProcessedTicket, type StoreOutcome, type TicketJobData, type TicketStore } from '@iq/core';
import { jobPayloadSchema } from './job-payload.js';
import { jobProcessor } from './process-job.js';

const log = createLogger({ name: 'test', level: 'silent', format: 'json' });
const payload = jobPayloadSchema({ ticketIdMaxLength: 128, subjectMaxLength: 500, bodyMaxLength: 20_000, batchMaxItems: 1_000 });
const job = (data: unknown = { ticket_id: 't-1' }) => ({ id: 'job-1', attemptsMade: 0, data }) as unknown as Job<TicketJobData>;
const accepted = { ticket: { ticket_id: 't-1', subject: 'Outage', body: 'Everything is down for all users!' }, seq: 1, created_at: '2024-01-01T00:00:00.000Z' };

const bull = { job: (id: string) => `{iq}:bull:tickets:${id}`, failed: '{iq}:bull:tickets:failed' };

function setup(opts: { payload?: string | null; stored?: ProcessedTicket | null; outcome?: StoreOutcome; kept?: boolean; otherTeamHolds?: boolean } = {}) {
  let reclaimed = false;
  const store = {
    payload: vi.fn(async () => (reclaimed ? JSON.stringify(accepted) : opts.payload === undefined ? JSON.stringify(accepted) : opts.payload)),
    storedBy: vi.fn(async () => opts.stored ?? null),
    store: vi.fn(async () => opts.outcome ?? 'stored'),
    // Whether the content was kept when the job failed for good (only then is it a retry).
    retryState: vi.fn(async () => ({ payloads: [opts.kept ? JSON.stringify(accepted) : null], claims: [null] })),
    // The content kept when the job failed for good, claimed again (a retry from bull-board).
    retryFailed: vi.fn(async () => {
      reclaimed = opts.kept === true;
      return reclaimed ? null : 'payload_gone';
    }),
  };
  const alert = vi.fn(async () => undefined);
  // Another team holds a live claim on the id: the retry must not claim it here.
  const reserveForRetry = vi.fn(async () => !opts.otherTeamHolds);
  const run = jobProcessor({ store: store as unknown as TicketStore, team: 'technical', scorer: createLexiconScorer(), payload, alert, log, bull, reserveForRetry });
  return { run, store, alert, reserveForRetry };
}

describe('job processing', () => {
  it('triages the content stored with the claim, stores it and alerts', async () => {
    const { run, store, alert } = setup();
    const result = await run(job());
    expect(result).toMatchObject({ outcome: 'stored', category: expect.any(String), urgency_score: expect.any(Number) });
    expect(store.store).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ ticket_id: 't-1', job_id: 'job-1', team: 'technical' }), 1);
    expect(alert).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ ticket_id: 't-1', team: 'technical' }), expect.anything());
  });

  it('does not alert a ticket whose id this job no longer holds', async () => {
    const { run, alert } = setup({ outcome: 'stale' });
    expect(await run(job())).toMatchObject({ outcome: 'stale' });
    expect(alert).not.toHaveBeenCalled();
  });

  it('with no payload left, alerts what an earlier attempt stored (the enqueue is idempotent) or does nothing', async () => {
    const stored = { ticket_id: 't-1', job_id: 'job-1', urgency_score: 0.9 } as ProcessedTicket;
    const again = setup({ payload: null, stored });
    expect(await again.run(job())).toEqual({ outcome: 'already_stored' });
    expect(again.alert).toHaveBeenCalledExactlyOnceWith(stored, expect.anything());
    expect(again.store.store).not.toHaveBeenCalled();

    const released = setup({ payload: null });
    expect(await released.run(job())).toEqual({ outcome: 'stale' });
    expect(released.alert).not.toHaveBeenCalled();
    // Nothing was kept: not a retry, so the ticket's owner record is left alone.
    expect(released.reserveForRetry).not.toHaveBeenCalled();
    expect(released.store.retryFailed).not.toHaveBeenCalled();
  });

  it('does not claim a retried ticket again while another team holds its id', async () => {
    const { run, store, reserveForRetry } = setup({ payload: null, kept: true, otherTeamHolds: true });
    expect(await run(job())).toEqual({ outcome: 'stale' });
    expect(reserveForRetry).toHaveBeenCalledExactlyOnceWith('t-1');
    expect(store.retryFailed).not.toHaveBeenCalled();
    expect(store.store).not.toHaveBeenCalled();
  });

  it('claims a ticket again when its failed job was retried from the job board, and processes the kept content', async () => {
    const { run, store, alert } = setup({ payload: null, kept: true });
    expect(await run(job())).toMatchObject({ outcome: 'stored' });
    expect(store.retryFailed).toHaveBeenCalledExactlyOnceWith('t-1', 'job-1', bull, true);
    expect(store.store).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ ticket_id: 't-1', subject: 'Outage' }), 1);
    expect(alert).toHaveBeenCalledOnce();
  });

  it('reads the content a job of the old shape carries', async () => {
    const { run, store } = setup({ payload: null });
    expect(await run(job(accepted))).toMatchObject({ outcome: 'stored' });
    expect(store.store).toHaveBeenCalledOnce();
  });

  it('fails a malformed payload for good (no retry can fix it)', async () => {
    const { run, store } = setup({ payload: JSON.stringify({ ...accepted, seq: 0 }) });
    await expect(run(job())).rejects.toBeInstanceOf(UnrecoverableError);
    expect(store.store).not.toHaveBeenCalled();
  });
});
