import { useMutation } from 'urql';
import { graphql, type ResultOf, type VariablesOf } from '../graphql';
import { fieldErrorsOf, type FieldErrors } from './field-errors';

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

export type TicketInput = VariablesOf<typeof SubmitTicketMutation>['input'];
export type Submission = ResultOf<typeof SubmitTicketMutation>['submitTicket'];

/** What became of a submission: the tickets accepted, or why none was. */
export type SubmitOutcome = { accepted: Submission[] } | { rejected: FieldErrors };

export interface SubmitRequest {
  submitting: boolean;
  submit(inputs: readonly TicketInput[]): Promise<SubmitOutcome>;
}

/** Sends tickets: one with `submitTicket`, several in one `submitBatch`. */
export function useSubmitRequest(): SubmitRequest {
  const [single, submitTicket] = useMutation(SubmitTicketMutation);
  const [batch, submitBatch] = useMutation(SubmitBatchMutation);

  async function submit(inputs: readonly TicketInput[]): Promise<SubmitOutcome> {
    const result =
      inputs.length === 1
        ? await submitTicket({ input: inputs[0]! }).then((r) => ({ error: r.error, accepted: r.data ? [r.data.submitTicket] : null }))
        : await submitBatch({ input: [...inputs] }).then((r) => ({ error: r.error, accepted: r.data ? r.data.submitBatch : null }));
    if (result.accepted && !result.error) return { accepted: result.accepted };
    return { rejected: result.error ? fieldErrorsOf(result.error) : { fields: new Map(), general: ['No answer from the API'] } };
  }

  return { submitting: single.fetching || batch.fetching, submit };
}
