import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { graphql, type VariablesOf } from '../graphql';
import { useActivityEvents } from '../live/live-context';
import { fieldErrorsOf, type FieldErrors, type TicketField } from './field-errors';
import { indexEvents, statusOf, statusText, type Submitted } from './submission-status';

export const SubmitTicketMutation = graphql(`
  mutation SubmitTicket($input: TicketInput!) {
    submitTicket(input: $input) { ticketId jobId duplicate }
  }
`);

export const SubmitBatchMutation = graphql(`
  mutation SubmitBatch($input: [TicketInput!]!) {
    submitBatch(input: $input) { ticketId jobId duplicate }
  }
`);

export const JobStateQuery = graphql(`
  query JobState($id: ID!) {
    job(id: $id) { id state }
  }
`);

type TicketInput = VariablesOf<typeof SubmitTicketMutation>['input'];

interface Draft {
  key: number;
  subject: string;
  body: string;
  ticketId: string;
  customerId: string;
  channel: string;
}

interface FieldSpec {
  field: TicketField;
  label: string;
  multiline?: boolean;
}

const FIELDS: FieldSpec[] = [
  { field: 'subject', label: 'Subject' },
  { field: 'body', label: 'Body', multiline: true },
  { field: 'ticketId', label: 'Ticket ID (optional)' },
  { field: 'customerId', label: 'Customer (optional)' },
  { field: 'channel', label: 'Channel (optional)' },
];

/** The label of a field of the n-th ticket (0-based): "Subject", "Subject 2", … */
export const fieldLabel = (label: string, index: number) => (index === 0 ? label : `${label} ${index + 1}`);

const MAX_SUBMITTED = 50;

let nextKey = 1;
const emptyDraft = (): Draft => ({ key: nextKey++, subject: '', body: '', ticketId: '', customerId: '', channel: '' });

function toInput(d: Draft): TicketInput {
  // Sent as typed: the server validates (and says what is wrong). Empty optionals are left out.
  return {
    subject: d.subject,
    body: d.body,
    ...(d.ticketId ? { ticketId: d.ticketId } : {}),
    ...(d.customerId ? { customerId: d.customerId } : {}),
    ...(d.channel ? { channel: d.channel } : {}),
  };
}

interface SubmittedItem extends Submitted {
  key: string;
}

export function SubmitPanel() {
  const client = useClient();
  const formId = useId();
  const [drafts, setDrafts] = useState<Draft[]>(() => [emptyDraft()]);
  /** Field errors by draft key (so removing a ticket does not shift them). */
  const [errors, setErrors] = useState<Map<number, Partial<Record<TicketField, string>>>>(new Map());
  const [general, setGeneral] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [submitted, setSubmitted] = useState<SubmittedItem[]>([]);
  const [lastResult, setLastResult] = useState<string>('');
  const focusOnRender = useRef<string | null>(null);

  const events = useActivityEvents();
  const index = useMemo(() => indexEvents(events), [events]);

  const inputId = (key: number, field: TicketField) => `${formId}-t${key}-${field}`;

  const update = (key: number, field: TicketField, value: string) => {
    setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, [field]: value } : d)));
    setErrors((es) => {
      if (!es.get(key)?.[field]) return es;
      const next = new Map(es);
      const forTicket = { ...next.get(key) };
      delete forTicket[field];
      next.set(key, forTicket);
      return next;
    });
  };

  const addTicket = () => {
    const draft = emptyDraft();
    setDrafts((ds) => [...ds, draft]);
    focusOnRender.current = inputId(draft.key, 'subject');
  };

  const removeTicket = (key: number) => {
    const at = drafts.findIndex((d) => d.key === key);
    const remaining = drafts.filter((d) => d.key !== key);
    setDrafts(remaining);
    const focus = remaining[Math.max(0, at - 1)];
    if (focus) focusOnRender.current = inputId(focus.key, 'subject');
  };

  const focusRef = (id: string) => (el: HTMLInputElement | HTMLTextAreaElement | null) => {
    if (el && focusOnRender.current === id) {
      focusOnRender.current = null;
      el.focus();
    }
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setLastResult('');
    const sent = drafts;
    const inputs = sent.map(toInput);
    const result =
      inputs.length === 1
        ? await client
            .mutation(SubmitTicketMutation, { input: inputs[0]! })
            .toPromise()
            .then((r) => ({ error: r.error, accepted: r.data ? [r.data.submitTicket] : null }))
        : await client
            .mutation(SubmitBatchMutation, { input: inputs })
            .toPromise()
            .then((r) => ({ error: r.error, accepted: r.data ? r.data.submitBatch : null }));
    setSubmitting(false);

    if (result.error || !result.accepted) {
      const parsed: FieldErrors = result.error ? fieldErrorsOf(result.error) : { fields: new Map(), general: ['No answer from the API'] };
      const byKey = new Map<number, Partial<Record<TicketField, string>>>();
      for (const [i, fields] of parsed.fields) {
        const draft = sent[i];
        if (draft) byKey.set(draft.key, fields);
        else parsed.general.push(...Object.values(fields));
      }
      setErrors(byKey);
      setGeneral(parsed.general);
      // Move focus to the first offending field (keyboard users land on the problem).
      const first = sent.find((d) => byKey.has(d.key));
      const firstField = first && (Object.keys(byKey.get(first.key)!)[0] as TicketField | undefined);
      if (first && firstField) document.getElementById(inputId(first.key, firstField))?.focus();
      return;
    }

    const items: SubmittedItem[] = result.accepted.map((a, i) => ({
      key: `${a.jobId}#${Date.now()}#${i}`,
      ticketId: a.ticketId,
      jobId: a.jobId,
      duplicate: a.duplicate,
    }));
    setSubmitted((s) => [...items, ...s].slice(0, MAX_SUBMITTED));
    setErrors(new Map());
    setGeneral([]);
    const fresh = emptyDraft();
    setDrafts([fresh]);
    focusOnRender.current = inputId(fresh.key, 'subject');
    setLastResult(`Accepted ${items.length} ticket${items.length === 1 ? '' : 's'}.`);

    // A duplicate's job may have finished before this page saw its events: ask once.
    for (const item of items.filter((i) => i.duplicate)) {
      void client
        .query(JobStateQuery, { id: item.jobId }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          const state = r.data?.job?.state;
          if (state) setSubmitted((s) => s.map((x) => (x.key === item.key ? { ...x, knownState: state } : x)));
        });
    }
  }

  return (
    <section aria-label="Submit tickets" className="panel panel-submit">
      <h2>Submit tickets</h2>
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={submitting}>
        {drafts.map((draft, i) => {
          const ticketErrors = errors.get(draft.key) ?? {};
          return (
            <fieldset key={draft.key} className="ticket-fields">
              <legend>
                Ticket {i + 1}
                {drafts.length > 1 && (
                  <button type="button" className="link-button" onClick={() => removeTicket(draft.key)}>
                    Remove ticket {i + 1}
                  </button>
                )}
              </legend>
              {FIELDS.map(({ field, label, multiline }) => {
                const id = inputId(draft.key, field);
                const error = ticketErrors[field];
                const errorId = `${id}-error`;
                const common = {
                  id,
                  name: field,
                  value: draft[field],
                  'aria-invalid': error ? (true as const) : undefined,
                  'aria-describedby': error ? errorId : undefined,
                  ref: focusRef(id),
                };
                return (
                  <div key={field} className={`field field-${field}`}>
                    <label htmlFor={id}>{fieldLabel(label, i)}</label>
                    {multiline ? (
                      <textarea {...common} rows={3} onChange={(e) => update(draft.key, field, e.target.value)} />
                    ) : (
                      <input
                        {...common}
                        type="text"
                        list={field === 'channel' ? `${formId}-channels` : undefined}
                        autoComplete="off"
                        onChange={(e) => update(draft.key, field, e.target.value)}
                      />
                    )}
                    {error && (
                      <p role="alert" id={errorId} className="field-error">
                        {error}
                      </p>
                    )}
                  </div>
                );
              })}
            </fieldset>
          );
        })}
        <datalist id={`${formId}-channels`}>
          <option value="email" />
          <option value="chat" />
          <option value="phone" />
          <option value="web" />
        </datalist>
        {general.length > 0 && (
          <div role="alert" className="form-error">
            {general.map((message, i) => (
              <p key={i}>{message}</p>
            ))}
          </div>
        )}
        <div className="form-actions">
          <button type="button" onClick={addTicket}>
            Add another ticket
          </button>
          <button type="submit" className="primary" disabled={submitting}>
            {drafts.length > 1 ? `Submit all (${drafts.length})` : 'Submit'}
          </button>
        </div>
        <p className="sr-only" role="status">
          {lastResult}
        </p>
      </form>
      {submitted.length > 0 && (
        <>
          <h3>Submitted</h3>
          <ul aria-label="Submitted" className="submitted">
            {submitted.map((item) => {
              const status = statusOf(item, index);
              return (
                <li key={item.key}>
                  <span className="sub-ids">
                    <span>
                      ticket <code>{item.ticketId}</code>
                    </span>{' '}
                    <span>
                      job <code>{item.jobId}</code>
                    </span>
                    {item.duplicate && <span className="tag">duplicate</span>}
                  </span>{' '}
                  <span className={`sub-status status-${status.kind}`}>{statusText(status)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
