import { useId, useState, type FormEvent } from 'react';
import type { TicketField } from './field-errors';
import { SubmittedList, withAccepted, type SubmittedItem } from './SubmittedList';
import { useSubmitRequest } from './submit-request';
import { toInput } from './ticket-draft';
import { fieldId, TicketFieldset } from './TicketFieldset';
import { useFocusAfterRender } from './use-focus-after-render';
import { useTicketDrafts } from './use-ticket-drafts';

/** The submit form (one ticket, or several sent as a batch) and the tickets it submitted. */
export function SubmitPanel() {
  const formId = useId();
  const request = useSubmitRequest();
  const form = useTicketDrafts();
  const focus = useFocusAfterRender();
  const [general, setGeneral] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState<SubmittedItem[]>([]);
  const [lastResult, setLastResult] = useState('');
  const channelsId = `${formId}-channels`;
  const { drafts } = form;

  const addTicket = () => focus.focusWhenRendered(fieldId(formId, form.add().key, 'subject'));

  const removeTicket = (key: number) => {
    const next = form.remove(key);
    if (next) focus.focusWhenRendered(fieldId(formId, next.key, 'subject'));
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (request.submitting) return;
    setLastResult('');
    const sent = drafts;
    const outcome = await request.submit(sent.map(toInput));

    if ('rejected' in outcome) {
      const { fields } = outcome.rejected;
      setGeneral([...outcome.rejected.general, ...form.showErrors(sent, fields)]);
      // Move focus to the first offending field (keyboard users land on the problem).
      const at = sent.findIndex((_, i) => fields.has(i));
      const field = at < 0 ? undefined : (Object.keys(fields.get(at)!)[0] as TicketField | undefined);
      if (field) document.getElementById(fieldId(formId, sent[at]!.key, field))?.focus();
      return;
    }

    const { accepted } = outcome;
    setSubmitted((s) => withAccepted(s, accepted));
    setGeneral([]);
    focus.focusWhenRendered(fieldId(formId, form.reset().key, 'subject'));
    setLastResult(`Accepted ${accepted.length} ticket${accepted.length === 1 ? '' : 's'}.`);
  }

  return (
    <section aria-label="Submit tickets" className="panel panel-submit">
      <h2>Submit tickets</h2>
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={request.submitting}>
        {drafts.map((draft, i) => (
          <TicketFieldset
            key={draft.key}
            formId={formId}
            draft={draft}
            index={i}
            errors={form.errors.get(draft.key) ?? {}}
            channelsId={channelsId}
            onRemove={drafts.length > 1 ? () => removeTicket(draft.key) : null}
            onChange={(field, value) => form.update(draft.key, field, value)}
            inputRef={focus.ref}
          />
        ))}
        <datalist id={channelsId}>
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
          <button type="submit" className="primary" disabled={request.submitting}>
            {drafts.length > 1 ? `Submit all (${drafts.length})` : 'Submit'}
          </button>
        </div>
        <p className="sr-only" role="status">
          {lastResult}
        </p>
      </form>
      <SubmittedList items={submitted} />
    </section>
  );
}
