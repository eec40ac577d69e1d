import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { afterFrame, renderLive } from '../test/render-live';
import { contractData } from '../test/activity-fixtures';
import { wireEvent } from '../test/canned-client';
import { SubmitPanel } from './SubmitPanel';

const badInput = (fields: { field: string; message: string; type: string }[]) => ({
  errors: [
    {
      message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
      extensions: { code: 'BAD_USER_INPUT', fields },
    },
  ],
});

describe('SubmitPanel', () => {
  it('labels the fields of the first ticket exactly', () => {
    renderLive(<SubmitPanel />);
    const form = screen.getByRole('region', { name: 'Submit tickets' });
    for (const label of ['Subject', 'Body', 'Ticket ID (optional)', 'Customer (optional)', 'Channel (optional)']) {
      expect(within(form).getByLabelText(label, { exact: true })).toBeInTheDocument();
    }
    expect(within(form).getByRole('button', { name: 'Submit' })).toBeInTheDocument();
  });

  it('shows a server field error next to the field and keeps every value', async () => {
    const user = userEvent.setup();
    const { callsOf } = renderLive(<SubmitPanel />, {
      SubmitTicket: () =>
        badInput([{ field: 'input.ticketId', message: 'String should match pattern', type: 'string_pattern_mismatch' }]),
    });
    await user.type(screen.getByLabelText('Subject'), 'Refund please');
    await user.type(screen.getByLabelText('Body'), 'I was charged twice.');
    await user.type(screen.getByLabelText('Ticket ID (optional)'), 'has space');
    await user.type(screen.getByLabelText('Customer (optional)'), 'cust-9');
    await user.click(screen.getByRole('button', { name: 'Submit' }));

    const ticketId = screen.getByLabelText('Ticket ID (optional)');
    await waitFor(() => expect(ticketId).toHaveAttribute('aria-invalid', 'true'));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('String should match pattern');
    expect(ticketId).toHaveAttribute('aria-describedby', alert.id);
    expect(ticketId.nextElementSibling).toBe(alert);
    expect(screen.getByLabelText('Subject')).not.toHaveAttribute('aria-invalid');

    expect(screen.getByLabelText('Subject')).toHaveValue('Refund please');
    expect(screen.getByLabelText('Body')).toHaveValue('I was charged twice.');
    expect(ticketId).toHaveValue('has space');
    expect(screen.getByLabelText('Customer (optional)')).toHaveValue('cust-9');
    expect(callsOf('SubmitTicket')[0]!.variables).toEqual({
      input: { subject: 'Refund please', body: 'I was charged twice.', ticketId: 'has space', customerId: 'cust-9' },
    });
    expect(screen.queryByRole('list', { name: 'Submitted' })).toBeNull();

    // Editing the field clears its error.
    await user.type(ticketId, 'x');
    expect(ticketId).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('builds a batch, sends it with submitBatch and puts a batch error on the right ticket', async () => {
    const user = userEvent.setup();
    const { callsOf } = renderLive(<SubmitPanel />, {
      SubmitBatch: () =>
        badInput([{ field: 'input[1].subject', message: 'String should have at most 500 characters', type: 'string_too_long' }]),
    });
    await user.type(screen.getByLabelText('Subject'), 'First');
    await user.type(screen.getByLabelText('Body'), 'one');
    await user.click(screen.getByRole('button', { name: 'Add another ticket' }));
    expect(screen.getByLabelText('Subject 2')).toHaveFocus();
    await user.paste('s'.repeat(501));
    await user.type(screen.getByLabelText('Body 2'), 'two, subject too long');
    await user.click(screen.getByRole('button', { name: 'Add another ticket' }));
    await user.type(screen.getByLabelText('Subject 3'), 'Third');
    await user.type(screen.getByLabelText('Body 3'), 'three');
    expect(screen.getByLabelText('Ticket ID (optional) 3')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Submit all (3)' }));

    await waitFor(() => expect(screen.getByLabelText('Subject 2')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByLabelText('Subject 2').nextElementSibling).toHaveTextContent('String should have at most 500 characters');
    expect(screen.getByLabelText('Subject')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Subject 3')).toHaveValue('Third');
    expect(screen.getByLabelText('Body 2')).toHaveValue('two, subject too long');
    expect(callsOf('SubmitTicket')).toHaveLength(0);
    expect(callsOf('SubmitBatch')[0]!.variables.input).toEqual([
      { subject: 'First', body: 'one' },
      { subject: 's'.repeat(501), body: 'two, subject too long' },
      { subject: 'Third', body: 'three' },
    ]);
  });

  it('removes a ticket from the batch', async () => {
    const user = userEvent.setup();
    renderLive(<SubmitPanel />);
    await user.click(screen.getByRole('button', { name: 'Add another ticket' }));
    await user.type(screen.getByLabelText('Subject 2'), 'second');
    await user.click(screen.getByRole('button', { name: 'Add another ticket' }));
    await user.type(screen.getByLabelText('Subject 3'), 'third');
    await user.click(screen.getByRole('button', { name: 'Remove ticket 2' }));
    expect(screen.getByLabelText('Subject 2')).toHaveValue('third');
    expect(screen.queryByLabelText('Subject 3')).toBeNull();
    expect(screen.getByRole('button', { name: 'Submit all (2)' })).toBeInTheDocument();
  });

  it('lists accepted tickets and follows them from waiting to processed or failed', async () => {
    const user = userEvent.setup();
    const { canned } = renderLive(<SubmitPanel />, {
      SubmitBatch: () => ({
        data: {
          submitBatch: [
            { __typename: 'Submission', ticketId: 'T-1', jobId: 'T-1~7', duplicate: false },
            { __typename: 'Submission', ticketId: 'T-2', jobId: 'T-2~8', duplicate: false },
          ],
        },
      }),
    });
    await user.type(screen.getByLabelText('Subject'), 'a');
    await user.type(screen.getByLabelText('Body'), 'a');
    await user.click(screen.getByRole('button', { name: 'Add another ticket' }));
    await user.type(screen.getByLabelText('Subject 2'), 'b');
    await user.type(screen.getByLabelText('Body 2'), 'b');
    await user.click(screen.getByRole('button', { name: 'Submit all (2)' }));

    const list = await screen.findByRole('list', { name: 'Submitted' });
    const item = (ticketId: string) =>
      within(list)
        .getAllByRole('listitem')
        .find((li) => li.textContent?.includes(ticketId))!;
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(item('T-1')).toHaveTextContent('T-1~7');
    expect(item('T-1')).toHaveTextContent('waiting');
    expect(item('T-2')).toHaveTextContent('T-2~8');
    // The form is ready for the next ticket.
    expect(screen.getByLabelText('Subject')).toHaveValue('');
    expect(screen.queryByLabelText('Subject 2')).toBeNull();

    // An event of an older job of the same ticket id does not count.
    await act(async () => {
      canned.push('LiveActivity', {
        activity: wireEvent(
          '1700000001000-0',
          'ticket_processed',
          contractData('ticket_processed', { ticket_id: 'T-1', job_id: 'T-1~3', urgency_score: 0.1, category: 'General' }),
        ),
      });
      await afterFrame();
    });
    expect(item('T-1')).toHaveTextContent('waiting');

    await act(async () => {
      canned.push('LiveActivity', {
        activity: wireEvent(
          '1700000002000-0',
          'ticket_processed',
          contractData('ticket_processed', { ticket_id: 'T-1', job_id: 'T-1~7', urgency_score: 0.876, category: 'Billing' }),
        ),
      });
      await afterFrame();
    });
    expect(item('T-1')).toHaveTextContent('processed · S 0.88 · Billing');
    await act(async () => {
      canned.push('LiveActivity', {
        activity: wireEvent('1700000003000-0', 'ticket_failed', contractData('ticket_failed', { ticket_id: 'T-2', job_id: 'T-2~8', error: 'boom' })),
      });
      await afterFrame();
    });
    expect(item('T-2')).toHaveTextContent('failed');
    expect(item('T-1')).toHaveTextContent('processed');
  });

  it("asks once for a duplicate's job, whose events may predate the page, and shows its state", async () => {
    const user = userEvent.setup();
    const { callsOf } = renderLive(<SubmitPanel />, {
      SubmitTicket: () => ({ data: { submitTicket: { __typename: 'Submission', ticketId: 'T-9', jobId: 'T-9~1', duplicate: true } } }),
      JobState: ({ id }) => ({ data: { job: { __typename: 'Job', id, state: 'COMPLETED' } } }),
    });
    await user.type(screen.getByLabelText('Subject'), 'again');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const list = await screen.findByRole('list', { name: 'Submitted' });
    expect(within(list).getByRole('listitem')).toHaveTextContent('duplicate');
    await waitFor(() => expect(within(list).getByRole('listitem')).toHaveTextContent('processed'));
    expect(callsOf('JobState').map((c) => c.variables)).toEqual([{ id: 'T-9~1' }]);
  });

  it('asks nothing about a job that is not a duplicate', async () => {
    const user = userEvent.setup();
    const { callsOf } = renderLive(<SubmitPanel />, {
      SubmitTicket: () => ({ data: { submitTicket: { __typename: 'Submission', ticketId: 'T-8', jobId: 'T-8~1', duplicate: false } } }),
    });
    await user.type(screen.getByLabelText('Subject'), 'new');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByRole('list', { name: 'Submitted' })).toHaveTextContent('waiting');
    expect(callsOf('JobState')).toHaveLength(0);
  });

  it('shows an error that names no field above the buttons', async () => {
    const user = userEvent.setup();
    renderLive(<SubmitPanel />, { SubmitTicket: () => ({ errors: [{ message: 'Redis is unreachable' }] }) });
    await user.type(screen.getByLabelText('Subject'), 's');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Redis is unreachable');
    expect(screen.getByLabelText('Subject')).toHaveValue('s');
  });

  it("says a key's role may not submit, where the submission failed", async () => {
    const user = userEvent.setup();
    renderLive(<SubmitPanel />, {
      SubmitTicket: () => ({
        data: null,
        errors: [{ message: 'Your key may not use submitTicket', extensions: { code: 'FORBIDDEN' } }],
      }),
    });
    await user.type(screen.getByLabelText('Subject'), 's');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const alert = await within(screen.getByRole('region', { name: 'Submit tickets' })).findByRole('alert');
    expect(alert).toHaveTextContent("This key's role may not do that");
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
