import type { ClaimedTicket, FailedJob, ProcessedTicket, WebhookDelivery } from '@iq/core';

/** Markdown for an OpenAPI description: each example request with the JSON it answers. */
export function examples(answers: Record<string, unknown>): string {
  return Object.entries(answers)
    .map(([request, body]) => `Example — \`${request}\`:\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\``)
    .join('\n\n');
}

export const ticketInputExample = {
  ticket_id: 'T-1001',
  subject: 'Charged twice',
  body: 'I was billed twice this month and nobody answers. Unacceptable!',
  customer_id: 'C-42',
  channel: 'email',
};

export const ticketExample: ProcessedTicket = {
  ...ticketInputExample,
  job_id: 'T-1001~1',
  category: 'Billing',
  team: 'billing',
  urgency_score: 0.9312,
  is_urgent: true,
  priority_score: 9,
  model: 'urgency-model',
  urgency_explanation: 'charged twice +1.6 · tone 0.82 +0.9',
  urgency_override: null,
  created_at: '2026-12-02T10:30:05.120Z',
  processed_at: '2026-12-02T10:30:05.310Z',
};

export const CLAIM_ID = '0b7e4c1e-5d2a-4f8e-9c61-2f0d3a9b7c45';

export const claimExample: ClaimedTicket = {
  ...ticketExample,
  claim_id: CLAIM_ID,
  agent: 'ana',
  claimed_at: '2026-12-02T10:41:17.512Z',
  lease_expires_at: '2026-12-02T10:46:17.512Z',
};

export const deliveryExample: WebhookDelivery = {
  delivery_id: 'T-1001~1.urgent',
  ticket_id: 'T-1001',
  job_id: 'T-1001~1',
  kind: 'urgent',
  url_host: 'hooks.slack.com',
  status: 'delivered',
  attempts: 2,
  max_attempts: 8,
  response_code: 200,
  last_error: 'HTTP 500: internal_error',
  created_at: '2026-12-02T10:30:05.320Z',
  updated_at: '2026-12-02T10:30:06.480Z',
};

export const failedJobExample: FailedJob = {
  job_id: 'T-1001~1',
  ticket_id: 'T-1001',
  subject: 'Charged twice',
  error: 'scorer unavailable',
  attempts_made: 3,
  failed_at: '2026-12-02T10:30:06.500Z',
  retryable: true,
};
