import type { ProcessedTicket } from '@iq/core';

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
  urgency_score: 0.9312,
  is_urgent: true,
  priority_score: 9,
  model: 'urgency-model',
  urgency_explanation: 'charged twice +1.6 · tone 0.82 +0.9',
  urgency_override: null,
  created_at: '2026-12-02T10:30:05.120Z',
  processed_at: '2026-12-02T10:30:05.310Z',
};
