import { useState } from 'react';
import type { FieldErrors, TicketField } from './field-errors';
import { emptyDraft, type Draft } from './ticket-draft';

export type DraftErrors = Partial<Record<TicketField, string>>;

export interface TicketDrafts {
  drafts: Draft[];
  /** The server's field errors, by draft key (so removing a ticket does not shift them). */
  errors: ReadonlyMap<number, DraftErrors>;
  /** Sets a field; its error goes, since it may no longer hold. */
  update(key: number, field: TicketField, value: string): void;
  /** Adds an empty ticket and returns it. */
  add(): Draft;
  /** Removes a ticket; returns the one before it (or the first), where focus belongs. */
  remove(key: number): Draft | undefined;
  /** Starts over with one empty ticket (returned) and no errors. */
  reset(): Draft;
  /** Shows per-ticket errors on the drafts that were sent; returns those no draft can take. */
  showErrors(sent: readonly Draft[], fields: FieldErrors['fields']): string[];
}

/** The tickets being written, and the server's errors on their fields. */
export function useTicketDrafts(): TicketDrafts {
  const [drafts, setDrafts] = useState<Draft[]>(() => [emptyDraft()]);
  const [errors, setErrors] = useState<ReadonlyMap<number, DraftErrors>>(new Map());

  return {
    drafts,
    errors,
    update(key, field, value) {
      setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, [field]: value } : d)));
      setErrors((es) => {
        if (!es.get(key)?.[field]) return es;
        const next = new Map(es);
        const forTicket = { ...next.get(key) };
        delete forTicket[field];
        next.set(key, forTicket);
        return next;
      });
    },
    add() {
      const draft = emptyDraft();
      setDrafts((ds) => [...ds, draft]);
      return draft;
    },
    remove(key) {
      const at = drafts.findIndex((d) => d.key === key);
      const remaining = drafts.filter((d) => d.key !== key);
      setDrafts(remaining);
      return remaining[Math.max(0, at - 1)];
    },
    reset() {
      const fresh = emptyDraft();
      setDrafts([fresh]);
      setErrors(new Map());
      return fresh;
    },
    showErrors(sent, fields) {
      const byKey = new Map<number, DraftErrors>();
      const unplaced: string[] = [];
      for (const [i, forTicket] of fields) {
        const draft = sent[i];
        if (draft) byKey.set(draft.key, forTicket);
        else unplaced.push(...Object.values(forTicket));
      }
      setErrors(byKey);
      return unplaced;
    },
  };
}
