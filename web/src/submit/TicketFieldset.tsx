import type { TicketField } from './field-errors';
import type { Draft } from './ticket-draft';
import type { DraftErrors } from './use-ticket-drafts';

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

/** The id of a draft's input for `field`, unique within the form `formId`. */
export const fieldId = (formId: string, draftKey: number, field: TicketField) => `${formId}-t${draftKey}-${field}`;

interface Props {
  formId: string;
  draft: Draft;
  /** 0-based position in the form. */
  index: number;
  errors: DraftErrors;
  /** The id of the form's channel suggestions (a datalist). */
  channelsId: string;
  /** Offered only when there is more than one ticket. */
  onRemove: (() => void) | null;
  onChange: (field: TicketField, value: string) => void;
  inputRef: (id: string) => (el: HTMLElement | null) => void;
}

/** One ticket's fields, each with its label and, under it, the server's error for it. */
export function TicketFieldset({ formId, draft, index, errors, channelsId, onRemove, onChange, inputRef }: Props) {
  return (
    <fieldset className="ticket-fields">
      <legend>
        Ticket {index + 1}
        {onRemove && (
          <button type="button" className="link-button" onClick={onRemove}>
            Remove ticket {index + 1}
          </button>
        )}
      </legend>
      {FIELDS.map(({ field, label, multiline }) => {
        const id = fieldId(formId, draft.key, field);
        const error = errors[field];
        const errorId = `${id}-error`;
        const common = {
          id,
          name: field,
          value: draft[field],
          'aria-invalid': error ? (true as const) : undefined,
          'aria-describedby': error ? errorId : undefined,
          ref: inputRef(id),
        };
        return (
          <div key={field} className={`field field-${field}`}>
            <label htmlFor={id}>{fieldLabel(label, index)}</label>
            {multiline ? (
              <textarea {...common} rows={3} onChange={(e) => onChange(field, e.target.value)} />
            ) : (
              <input
                {...common}
                type="text"
                list={field === 'channel' ? channelsId : undefined}
                autoComplete="off"
                onChange={(e) => onChange(field, e.target.value)}
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
}
