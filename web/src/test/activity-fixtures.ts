import type { ActivityEventMap, ActivityType } from '@iq/core/domain';

/** Data of every type as the contract has it; typed, so a new required field shows up here. */
const SAMPLE: ActivityEventMap = {
  ticket_accepted: { ticket_id: 'T-0', job_id: 'T-0~1' },
  ticket_processed: {
    ticket_id: 'T-0',
    job_id: 'T-0~1',
    urgency_score: 0.5,
    category: 'General',
    is_urgent: true,
    priority_score: 0.5,
    model: 'vader-lexicon',
  },
  ticket_popped: { ticket_id: 'T-0', urgency_score: 0.5 },
  ticket_removed: { ticket_id: 'T-0', urgency_score: 0.5 },
  queue_cleared: { cleared: 0 },
  webhook_sent: { ticket_id: 'T-0', job_id: 'T-0~1', urgency_score: 0.9, status: 200 },
  webhook_failed: { ticket_id: 'T-0', job_id: 'T-0~1', urgency_score: 0.9, error: 'timeout' },
  ticket_failed: { ticket_id: 'T-0', job_id: 'T-0~1', error: 'failed' },
  ticket_abandoned: { ticket_id: 'T-0', job_id: 'T-0~1', error: 'abandoned' },
  ticket_retried: { ticket_id: 'T-0', job_id: 'T-0~1' },
  urgency_overridden: { ticket_id: 'T-0', old_score: 0.5, new_score: 0.9, reason: null },
  ticket_claimed: { ticket_id: 'T-0', claim_id: 'c-1', agent: 'ana', urgency_score: 0.9, lease_expires_at: '2026-01-01T00:05:00.000Z' },
  lease_extended: { ticket_id: 'T-0', claim_id: 'c-1', agent: 'ana', lease_expires_at: '2026-01-01T00:10:00.000Z' },
  ticket_acked: { ticket_id: 'T-0', claim_id: 'c-1', agent: 'ana' },
  ticket_released: { ticket_id: 'T-0', claim_id: 'c-1', agent: null },
  claim_expired: { ticket_id: 'T-0', claim_id: 'c-1', agent: 'ana' },
  ticket_escalated: { ticket_id: 'T-0', job_id: 'T-0~1', urgency_score: 0.9, waited_seconds: 600 },
};

/**
 * An event's data as the API sends it: `fields` over contract-complete data of `type`,
 * so a fixture names only what its test is about.
 */
export function contractData(type: ActivityType, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...SAMPLE[type], ...fields };
}
