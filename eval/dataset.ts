import { readFileSync } from 'node:fs';
import { CATEGORIES, type Category } from '@iq/core';

/** One labelled ticket of the evaluation set (one JSON object per line of tickets.jsonl). */
export interface EvalTicket {
  id: string;
  subject: string;
  body: string;
  /** What a support lead would call urgent, independent of any scorer. */
  urgent: boolean;
  category: Category;
  note?: string;
}

/** Loads and validates a JSONL evaluation set; throws with the line number on any problem. */
export function loadTickets(path: string): EvalTicket[] {
  const tickets: EvalTicket[] = [];
  const seen = new Set<string>();
  for (const [index, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${path}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON (${(error as Error).message})`, { cause: error });
    }
    const t = raw as Partial<Record<keyof EvalTicket, unknown>>;
    const problems = [
      typeof t.id !== 'string' || t.id === '' ? 'id must be a non-empty string' : '',
      typeof t.subject !== 'string' || t.subject.trim() === '' ? 'subject must be a non-blank string' : '',
      typeof t.body !== 'string' ? 'body must be a string' : '',
      typeof t.urgent !== 'boolean' ? 'urgent must be true or false' : '',
      !CATEGORIES.includes(t.category as Category) ? `category must be one of ${CATEGORIES.join(', ')}` : '',
      t.note !== undefined && typeof t.note !== 'string' ? 'note must be a string' : '',
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
    const ticket = raw as EvalTicket;
    if (seen.has(ticket.id)) throw new Error(`${where}: duplicate id ${ticket.id}`);
    seen.add(ticket.id);
    tickets.push(ticket);
  }
  if (tickets.length === 0) throw new Error(`${path}: no tickets`);
  return tickets;
}

export type Split = 'all' | 'even' | 'odd';
export const SPLITS: readonly Split[] = ['all', 'even', 'odd'];

/** Even/odd by the number in the id (t001 is odd): tune on one half, report on the other. */
export function inSplit(id: string, split: Split): boolean {
  if (split === 'all') return true;
  const n = Number.parseInt(id.replace(/\D+/g, ''), 10);
  if (!Number.isFinite(n)) return false;
  return (n % 2 === 0) === (split === 'even');
}
