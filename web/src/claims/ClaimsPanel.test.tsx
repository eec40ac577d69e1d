import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { wireEvent, type CannedResponse, type Handler } from '../test/canned-client';
import { pastRefetchSpacing, renderLive } from '../test/render-live';
import { AGENT_KEY, LEASE_KEY } from './claim-settings';
import { ClaimsPanel } from './ClaimsPanel';
import { CLAIMED_LIMIT } from './use-live-claims';

const iso = (ms: number) => new Date(ms).toISOString();

const claim = (
  ticketId: string,
  subject: string,
  agent: string | null,
  { heldSeconds = 90, leftSeconds = 210, urgencyScore = 0.9, category = 'TECHNICAL' } = {},
) => ({
  __typename: 'Claim',
  claimId: `claim-${ticketId}`,
  ticketId,
  agent,
  claimedAt: iso(Date.now() - heldSeconds * 1000),
  leaseExpiresAt: iso(Date.now() + leftSeconds * 1000),
  ticket: { __typename: 'Ticket', ticketId, subject, category, urgencyScore },
});

type Claim = ReturnType<typeof claim>;

const conflict = (message: string, reason: string): CannedResponse => ({
  data: null,
  errors: [{ message, extensions: { code: 'CONFLICT', reason } }],
});

function setup(initial: Claim[], overrides: Record<string, Handler> = {}) {
  let claimed = initial;
  const live = renderLive(<ClaimsPanel />, {
    Claimed: () => ({ data: { claimed } }),
    ClaimNext: () => ({ data: { claimNext: null } }),
    ...overrides,
  });
  const setClaimed = (c: Claim[]) => {
    claimed = c;
  };
  const panel = () => screen.getByRole('region', { name: 'Claimed' });
  const rows = () => {
    const list = within(panel()).queryByRole('list', { name: 'Claimed tickets' });
    return list ? within(list).getAllByRole('listitem') : [];
  };
  const event = (id: string, type: Parameters<typeof contractData>[0], fields: Record<string, unknown> = {}) =>
    act(() => live.canned.push('LiveActivity', { activity: wireEvent(id, type, contractData(type, fields)) }));
  return { ...live, setClaimed, panel, rows, event };
}

// Past the refetch spacing: a refetch that should not happen would have been sent by then.
const settle = pastRefetchSpacing;

beforeEach(() => {
  localStorage.clear();
});

describe('ClaimsPanel', () => {
  it('lists the claimed tickets: id, subject, S, category, agent, held for and lease left', async () => {
    const { callsOf, rows } = setup([
      claim('T-1', 'Checkout down <b>now</b>', 'bo', { heldSeconds: 90, leftSeconds: 210, urgencyScore: 0.93 }),
      claim('T-2', 'Invoice', null, { urgencyScore: 0.2, category: 'BILLING', leftSeconds: 30 }),
    ]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('Claimed')[0]!.variables).toEqual({ limit: CLAIMED_LIMIT });

    const [first, second] = rows();
    expect(first).toHaveTextContent('Checkout down <b>now</b>');
    expect(first!.querySelector('b')).toBeNull();
    expect(within(first!).getByText('T-1')).toBeInTheDocument();
    expect(first).toHaveTextContent('S 0.93');
    expect(within(first!).getByText('Urgent')).toBeInTheDocument();
    expect(within(first!).getByText('Technical')).toHaveClass('chip');
    expect(first).toHaveTextContent('by bo');
    // The times tick locally; read once, they are what the timestamps say (give or take the test's own run time).
    const [held, left] = [...first!.querySelectorAll('time')];
    expect(held!.textContent).toMatch(/^1m 3\ds$/);
    expect(held).toHaveAttribute('dateTime', expect.stringMatching(/Z$/));
    expect(held!.parentElement).toHaveTextContent(/^held 1m 3\ds$/);
    expect(left!.textContent).toMatch(/^3m [23]\ds$/);
    expect(left!.parentElement).toHaveTextContent(/^3m [23]\ds left$/);
    expect(left!.parentElement).toHaveClass('lease-ok');

    expect(second).toHaveTextContent('by unnamed');
    expect(second).toHaveTextContent('S 0.20');
    expect(within(second!).getByText('Billing')).toHaveClass('chip');
    expect(within(second!).getByText(/^\d+s$/).parentElement).toHaveClass('lease-ending');
    expect(within(second!).queryByText('Urgent')).toBeNull();
    expect(screen.getByText('2 claimed')).toBeInTheDocument();
  });

  it('says when nothing is claimed, and shows a lease that ran out as expired', async () => {
    const { rows, setClaimed, event } = setup([]);
    expect(await screen.findByText('No claimed tickets')).toBeInTheDocument();
    setClaimed([claim('T-9', 'Late', 'bo', { leftSeconds: -5 })]);
    event('1700000001000-0', 'ticket_claimed', { ticket_id: 'T-9' });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('lease expired');
    expect(within(rows()[0]!).getByText('expired').parentElement).toHaveClass('lease-expired');
  });

  it('asks again exactly once for a ticket_claimed event, and not for events that leave claims alone', async () => {
    const { callsOf, rows, setClaimed, event } = setup([claim('T-1', 'First', 'bo')]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsOf('Claimed')).toHaveLength(1);

    event('1700000001000-0', 'ticket_processed', { ticket_id: 'T-2' });
    event('1700000001500-0', 'ticket_accepted', { ticket_id: 'T-3' });
    await settle();
    expect(callsOf('Claimed')).toHaveLength(1);

    setClaimed([claim('T-1', 'First', 'bo'), claim('T-2', 'Second', 'cy')]);
    event('1700000002000-0', 'ticket_claimed', { ticket_id: 'T-2', agent: 'cy' });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await settle();
    expect(callsOf('Claimed')).toHaveLength(2);
  });

  it('asks again on every claim event and after a reconnect', async () => {
    const { callsOf, rows, event, connection } = setup([claim('T-1', 'First', 'bo')]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const types = ['lease_extended', 'ticket_acked', 'ticket_released', 'claim_expired'] as const;
    for (const [i, type] of types.entries()) {
      event(`170000000${i + 1}000-0`, type);
      await waitFor(() => expect(callsOf('Claimed')).toHaveLength(i + 2));
    }
    act(() => connection.connected());
    await waitFor(() => expect(callsOf('Claimed')).toHaveLength(types.length + 2));
    await settle();
    expect(callsOf('Claimed')).toHaveLength(types.length + 2);
  });

  it('asks at most once more while a request is in flight, however many claim events arrive', async () => {
    const answers: ((r: CannedResponse) => void)[] = [];
    const { callsOf, rows, event } = setup([], { Claimed: () => new Promise<CannedResponse>((resolve) => answers.push(resolve)) });
    const answer = (n: number) => act(async () => answers[n]!({ data: { claimed: [claim('T-1', 'First', 'bo')] } }));
    await waitFor(() => expect(answers).toHaveLength(1));
    await answer(0);
    await waitFor(() => expect(rows()).toHaveLength(1));

    event('1700000001000-0', 'ticket_claimed');
    await waitFor(() => expect(callsOf('Claimed')).toHaveLength(2));
    event('1700000002000-0', 'lease_extended');
    event('1700000003000-0', 'ticket_acked');
    event('1700000004000-0', 'claim_expired');
    await settle();
    expect(callsOf('Claimed')).toHaveLength(2);

    await answer(1);
    await waitFor(() => expect(callsOf('Claimed')).toHaveLength(3));
    await answer(2);
    await settle();
    expect(callsOf('Claimed')).toHaveLength(3);
  });

  it('claims the next ticket for the named agent with the chosen lease, and remembers both', async () => {
    const user = userEvent.setup();
    const { callsOf, rows, setClaimed, panel } = setup([], {
      ClaimNext: () => {
        const c = claim('T-7', 'Refund please', 'ana');
        setClaimed([c]);
        return { data: { claimNext: c } };
      },
    });
    expect(await screen.findByText('No claimed tickets')).toBeInTheDocument();

    await user.type(within(panel()).getByRole('textbox', { name: 'Agent name' }), 'ana');
    await user.selectOptions(within(panel()).getByRole('combobox', { name: 'Lease' }), '15 min');
    await user.click(within(panel()).getByRole('button', { name: 'Claim next' }));

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsOf('ClaimNext').map((c) => c.variables)).toEqual([{ agent: 'ana', leaseSeconds: 900, teams: null }]);
    expect(within(panel()).getByRole('status')).toHaveTextContent('Claimed T-7: Refund please');
    expect(localStorage.getItem(AGENT_KEY)).toBe('ana');
    expect(localStorage.getItem(LEASE_KEY)).toBe('900');
    // Its own claim is marked as such.
    expect(within(rows()[0]!).getByText('you')).toBeInTheDocument();
    expect(rows()[0]).toHaveClass('claim-own');
  });

  it('claims for nobody in particular when no name is given, with the default 5 min lease', async () => {
    const user = userEvent.setup();
    const { callsOf, panel } = setup([]);
    await screen.findByText('No claimed tickets');
    await user.click(within(panel()).getByRole('button', { name: 'Claim next' }));
    await waitFor(() => expect(callsOf('ClaimNext')).toHaveLength(1));
    expect(callsOf('ClaimNext')[0]!.variables).toEqual({ agent: null, leaseSeconds: 300, teams: null });
  });

  it('says so when the queue is empty on Claim next', async () => {
    const user = userEvent.setup();
    const { panel } = setup([]);
    await screen.findByText('No claimed tickets');
    await user.click(within(panel()).getByRole('button', { name: 'Claim next' }));
    expect(await within(panel()).findByRole('status')).toHaveTextContent('The queue is empty: nothing to claim.');
    expect(within(panel()).queryByRole('alert')).toBeNull();
  });

  it("shows a FORBIDDEN claim as the role message, next to the panel's form", async () => {
    const user = userEvent.setup();
    const forbidden = { data: null, errors: [{ message: 'Your key may not use claimNext', extensions: { code: 'FORBIDDEN' } }] };
    const { panel } = setup([], { ClaimNext: () => forbidden });
    await screen.findByText('No claimed tickets');
    await user.click(within(panel()).getByRole('button', { name: 'Claim next' }));
    expect(await within(panel()).findByRole('alert')).toHaveTextContent("Could not claim: This key's role may not do that");
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('remembers the agent name across visits and lists that agent\'s claims first', async () => {
    localStorage.setItem(AGENT_KEY, 'ana');
    const { rows, panel } = setup([claim('T-1', 'Bo first', 'bo'), claim('T-2', 'Ana second', 'ana'), claim('T-3', 'Nobody', null)]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(panel()).getByRole('textbox', { name: 'Agent name' })).toHaveValue('ana');
    expect(rows().map((r) => within(r).getByText(/^T-\d$/).textContent)).toEqual(['T-2', 'T-1', 'T-3']);
    expect(rows()[0]).toHaveClass('claim-own');
    expect(rows()[1]).not.toHaveClass('claim-own');
    expect(screen.getByText('3 claimed · 1 by you')).toBeInTheDocument();
  });

  it.each([
    ['Ack', 'AckTicket', {}, 'Acked T-1: done.'],
    ['Release', 'ReleaseTicket', {}, 'Released T-1 back to the queue.'],
    ['Extend', 'ExtendLease', { leaseSeconds: 3600 }, 'Extended T-1: its lease ends 60 min from now.'],
  ] as const)('%s calls %s with the row\'s ticket and claim ids, and asks for the list again', async (button, mutation, extra, said) => {
    const user = userEvent.setup();
    localStorage.setItem(LEASE_KEY, '3600');
    const answer = (v: Record<string, unknown>) => ({ data: { [mutation[0]!.toLowerCase() + mutation.slice(1)]: { ...v, leaseExpiresAt: iso(Date.now()) } } });
    const { callsOf, rows, panel } = setup([claim('T-1', 'First', 'bo'), claim('T-2', 'Second', 'cy')], {
      AckTicket: answer,
      ReleaseTicket: answer,
      ExtendLease: answer,
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const before = callsOf('Claimed').length;
    await user.click(within(rows()[0]!).getByRole('button', { name: `${button} T-1` }));
    await waitFor(() => expect(callsOf(mutation)).toHaveLength(1));
    expect(callsOf(mutation)[0]!.variables).toEqual({ ticketId: 'T-1', claimId: 'claim-T-1', ...extra });
    expect(await within(panel()).findByRole('status')).toHaveTextContent(said);
    await waitFor(() => expect(callsOf('Claimed')).toHaveLength(before + 1));
    for (const other of ['AckTicket', 'ReleaseTicket', 'ExtendLease'].filter((m) => m !== mutation)) expect(callsOf(other)).toHaveLength(0);
    // A row that goes away leaves the keyboard on Claim next; an extended one keeps it.
    const claimNext = within(panel()).getByRole('button', { name: 'Claim next' });
    if (button === 'Extend') expect(within(rows()[0]!).getByRole('button', { name: 'Extend T-1' })).toHaveFocus();
    else expect(claimNext).toHaveFocus();
  });

  it('sends one action at a time per row, keeping the focus on the button while it is under way', async () => {
    const user = userEvent.setup();
    const answers: ((r: CannedResponse) => void)[] = [];
    const { callsOf, rows } = setup([claim('T-1', 'First', 'bo')], {
      ExtendLease: () => new Promise<CannedResponse>((resolve) => answers.push(resolve)),
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    const extend = within(rows()[0]!).getByRole('button', { name: 'Extend T-1' });
    await user.click(extend);
    await waitFor(() => expect(callsOf('ExtendLease')).toHaveLength(1));
    expect(extend).toHaveAttribute('aria-disabled', 'true');
    expect(rows()[0]).toHaveAttribute('aria-busy', 'true');
    await user.click(extend);
    await user.click(within(rows()[0]!).getByRole('button', { name: 'Ack T-1' }));
    await settle();
    expect(callsOf('ExtendLease')).toHaveLength(1);
    expect(callsOf('AckTicket')).toHaveLength(0);
    await act(async () => answers[0]!({ data: { extendLease: { claimId: 'claim-T-1', ticketId: 'T-1', leaseExpiresAt: iso(Date.now()) } } }));
    await waitFor(() => expect(extend).toHaveAttribute('aria-disabled', 'false'));
  });

  it("shows a CONFLICT's message on its row and asks for the list again", async () => {
    const user = userEvent.setup();
    const { callsOf, rows, panel } = setup([claim('T-1', 'First', 'bo'), claim('T-2', 'Second', 'cy')], {
      ReleaseTicket: () => conflict('Claim expired: its lease ran out and the ticket went back to the queue', 'expired'),
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const before = callsOf('Claimed').length;
    await user.click(within(rows()[1]!).getByRole('button', { name: 'Release T-2' }));
    const alert = await within(rows()[1]!).findByRole('alert');
    expect(alert).toHaveTextContent('Claim expired: its lease ran out and the ticket went back to the queue');
    expect(alert.textContent).not.toContain('[GraphQL]');
    expect(within(rows()[0]!).queryByRole('alert')).toBeNull();
    await waitFor(() => expect(callsOf('Claimed')).toHaveLength(before + 1));
    expect(within(panel()).getByRole('status')).toBeEmptyDOMElement();
  });

  it('keeps a CONFLICT message in view when the refreshed list no longer has the claim', async () => {
    const user = userEvent.setup();
    const { rows, setClaimed, panel } = setup([claim('T-1', 'First', 'bo'), claim('T-2', 'Second', 'cy')], {
      AckTicket: () => {
        setClaimed([claim('T-1', 'First', 'bo')]);
        return conflict('Claim expired: its lease ran out and the ticket went back to the queue', 'expired');
      },
    });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rows()[1]!).getByRole('button', { name: 'Ack T-2' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(panel()).getByRole('alert')).toHaveTextContent('T-2: Claim expired');
    await user.click(within(panel()).getByRole('button', { name: 'Dismiss the message about T-2' }));
    expect(within(panel()).queryByRole('alert')).toBeNull();
  });

  it('keeps showing the claims it has when asking again fails', async () => {
    let fail = false;
    const { connection, callsOf, rows } = setup([], {
      Claimed: () => (fail ? { data: null, errors: [{ message: 'Redis is unreachable' }] } : { data: { claimed: [claim('T-1', 'First', 'bo')] } }),
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fail = true;
    act(() => connection.connected());
    await waitFor(() => expect(callsOf('Claimed')).toHaveLength(2));
    await settle();
    expect(rows()).toHaveLength(1);
  });

  it("says a key's role may not read the claims", async () => {
    setup([], { Claimed: () => ({ data: null, errors: [{ message: 'Your key may not use claimed', extensions: { code: 'FORBIDDEN' } }] }) });
    expect(await screen.findByRole('alert')).toHaveTextContent("Could not load the claimed tickets: This key's role may not do that");
  });
});
