import type { CombinedError } from '@urql/core';
import { FORBIDDEN_MESSAGE } from '../auth/forbidden';

export const TICKET_FIELDS = ['subject', 'body', 'ticketId', 'customerId', 'channel'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export interface FieldErrors {
  /** Per ticket index, per field: the server's messages. */
  fields: Map<number, Partial<Record<TicketField, string>>>;
  /** Errors that name no field of a ticket (batch size, network, …). */
  general: string[];
}

const PATH = /^input(?:\[(\d+)\])?\.([A-Za-z]+)$/;

interface ServerFieldError {
  field?: unknown;
  message?: unknown;
}

/**
 * Splits a submission error into messages per ticket field — from BAD_USER_INPUT's
 * `extensions.fields` (`input.subject`, `input[1].subject`) — and the rest.
 */
export function fieldErrorsOf(error: CombinedError): FieldErrors {
  const fields = new Map<number, Partial<Record<TicketField, string>>>();
  const general: string[] = [];
  const put = (index: number, field: TicketField, message: string) => {
    const forTicket = fields.get(index) ?? {};
    forTicket[field] = forTicket[field] ? `${forTicket[field]}; ${message}` : message;
    fields.set(index, forTicket);
  };
  if (error.networkError) general.push(`Could not reach the API: ${error.networkError.message}`);
  for (const gqlError of error.graphQLErrors) {
    if (gqlError.extensions?.code === 'FORBIDDEN') {
      general.push(FORBIDDEN_MESSAGE);
      continue;
    }
    const listed = gqlError.extensions?.fields;
    if (gqlError.extensions?.code !== 'BAD_USER_INPUT' || !Array.isArray(listed) || listed.length === 0) {
      general.push(gqlError.message);
      continue;
    }
    for (const item of listed as ServerFieldError[]) {
      const path = typeof item.field === 'string' ? item.field : '';
      const message = typeof item.message === 'string' ? item.message : gqlError.message;
      const match = PATH.exec(path);
      const field = match?.[2] as TicketField | undefined;
      if (match && field && (TICKET_FIELDS as readonly string[]).includes(field)) {
        put(match[1] === undefined ? 0 : Number(match[1]), field, message);
      } else {
        general.push(path ? `${path}: ${message}` : message);
      }
    }
  }
  return { fields, general };
}
