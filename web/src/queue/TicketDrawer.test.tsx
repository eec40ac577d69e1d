import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { wireEvent } from '../test/canned-client';
import { renderLive } from '../test/render-live';
import { TicketDrawer } from './TicketDrawer';

const ticket = {
  __typename: 'Ticket',
  ticketId: 'T-7',
  jobId: 'T-7~7',
  subject: 'Cannot log in',
  body: 'Since this morning the login page loops.',
  category: 'TECHNICAL',
  team: 'technical',
  urgencyScore: 0.62,
  urgencyExplanation: 'cannot +1.2 · tone 0.40',
  customerId: 'C-9',
  channel: 'email',
  model: 'urgency-v1',
  createdAt: new Date(Date.now() - 120_000).toISOString(),
  processedAt: new Date().toISOString(),
  urgencyOverride: null,
};

function setup(handlers: Parameters<typeof renderLive>[1] = {}) {
  let position: number | null = 3;
  const calls = { popped: [] as unknown[], removed: [] as string[], closed: 0 };
  const live = renderLive(
    <TicketDrawer
      ticketId="T-7"
      onClose={() => calls.closed++}
      onPopped={(t) => calls.popped.push(t)}
      onRemoved={(id) => calls.removed.push(id)}
    />,
    {
      QueuedTicket: () => ({
        data: { queuedTicket: position === null ? null : { __typename: 'QueuedTicket', position, teamPosition: position === null ? null : Math.max(1, position - 1), ticket } },
      }),
      ...handlers,
    },
  );
  return { ...live, calls, setPosition: (p: number | null) => (position = p), drawer: () => screen.getByRole('region', { name: 'Ticket T-7' }) };
}

describe('TicketDrawer', () => {
  it('shows the whole ticket with its place in line, which follows the queue live', async () => {
    const { drawer, canned, setPosition, callsOf } = setup();
    await waitFor(() => expect(drawer()).toHaveTextContent('#3 in line'));
    for (const text of ['Cannot log in', 'Since this morning the login page loops.', 'C-9', 'email', 'cannot +1.2 · tone 0.40', '2m', 'S 0.62', 'Urgent']) {
      expect(drawer()).toHaveTextContent(text);
    }
    expect(callsOf('QueuedTicket')[0]!.variables).toEqual({ ticketId: 'T-7' });
    // Its team, and its place there as well as across every team.
    expect(drawer()).toHaveTextContent('Teamtechnical');
    expect(drawer()).toHaveTextContent('#3 in line · #2 in technical');
    setPosition(1);
    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000001000-0', 'ticket_popped', { ticket_id: 'T-1', urgency_score: 0.9 }) }));
    await waitFor(() => expect(drawer()).toHaveTextContent('#1 in line'));
    setPosition(null);
    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000002000-0', 'ticket_removed', { ticket_id: 'T-7', urgency_score: 0.62 }) }));
    await waitFor(() => expect(drawer()).toHaveTextContent('T-7 is no longer in the queue.'));
  });

  it('pops this ticket', async () => {
    const user = userEvent.setup();
    const { calls, callsOf } = setup({ PopTicket: () => ({ data: { popTicket: ticket } }) });
    await user.click(await screen.findByRole('button', { name: 'Pop this ticket' }));
    await waitFor(() => expect(calls.popped).toHaveLength(1));
    expect(callsOf('PopTicket')[0]!.variables).toEqual({ ticketId: 'T-7' });
  });

  it('removes it only after confirmation', async () => {
    const user = userEvent.setup();
    const { calls, callsOf } = setup({ RemoveTicket: () => ({ data: { removeTicket: { __typename: 'Ticket', ticketId: 'T-7' } } }) });
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(callsOf('RemoveTicket')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(screen.getByRole('button', { name: 'Confirm remove' }));
    await waitFor(() => expect(calls.removed).toEqual(['T-7']));
  });

  it('re-queues it with another score and a reason, refusing a score outside [0, 1]', async () => {
    const user = userEvent.setup();
    const { drawer, callsOf } = setup({ SetUrgency: () => ({ data: { setUrgency: { __typename: 'Ticket', ticketId: 'T-7', urgencyScore: 0.95 } } }) });
    const form = await screen.findByRole('form', { name: 'Re-queue with another score' });
    await user.type(within(form).getByLabelText('New S'), '1.5');
    await user.click(within(form).getByRole('button', { name: 'Re-queue' }));
    expect(callsOf('SetUrgency')).toHaveLength(0);

    await user.clear(within(form).getByLabelText('New S'));
    await user.type(within(form).getByLabelText('New S'), '0.95');
    await user.type(within(form).getByLabelText('Reason'), 'hospital');
    await user.click(within(form).getByRole('button', { name: 'Re-queue' }));
    await waitFor(() => expect(callsOf('SetUrgency')).toHaveLength(1));
    expect(callsOf('SetUrgency')[0]!.variables).toEqual({ ticketId: 'T-7', urgencyScore: 0.95, reason: 'hospital' });
    expect(await within(drawer()).findByText('Re-queued with S 0.95.')).toBeInTheDocument();
  });

  it('says when an action is not allowed or the ticket is gone', async () => {
    const user = userEvent.setup();
    setup({ PopTicket: () => ({ data: { popTicket: null } }) });
    await user.click(await screen.findByRole('button', { name: 'Pop this ticket' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This ticket is no longer in the queue.');
  });
});
