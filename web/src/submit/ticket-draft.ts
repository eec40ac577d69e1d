import type { TicketField } from './field-errors';
import type { TicketInput } from './submit-request';

/** One ticket as typed into the form: every field as text, `key` naming it while it is edited. */
export type Draft = { key: number } & Record<TicketField, string>;

let nextKey = 1;

export const emptyDraft = (): Draft => ({ key: nextKey++, subject: '', body: '', ticketId: '', customerId: '', channel: '' });

export function toInput(d: Draft): TicketInput {
  // Sent as typed: the server validates (and says what is wrong). Empty optionals are left out.
  return {
    subject: d.subject,
    body: d.body,
    ...(d.ticketId ? { ticketId: d.ticketId } : {}),
    ...(d.customerId ? { customerId: d.customerId } : {}),
    ...(d.channel ? { channel: d.channel } : {}),
  };
}
