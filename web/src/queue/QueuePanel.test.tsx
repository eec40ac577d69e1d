import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { wireEvent, type CannedResponse, type Handler } from '../test/canned-client';
import { pastRefetchSpacing, renderLive } from '../test/render-live';
import { QueuePanel } from './QueuePanel';
import { QUEUE_PAGE_SIZE } from './use-live-queue';

const LiveQueuePanel = QueuePanel;

const ticket = (ticketId: string, subject: string, urgencyScore: number, category = 'GENERAL', team = category.toLowerCase()) => ({
  __typename: 'Ticket',
  ticketId,
  jobId: `${ticketId}~1`,
  subject,
  body: `body of ${subject}`,
  category,
  team,
  urgencyScore,
  isUrgent: urgencyScore >= 0.5,
  customerId: null,
  channel: null,
  createdAt: new Date().toISOString(),
  processedAt: new Date().toISOString(),
});

type Row = ReturnType<typeof ticket>;

/** The API's answer to a page of `queue` (of one team's queue, filtered by category and search text the way the API does). */
function pageOf(all: Row[], v: Record<string, unknown>) {
  const search = String(v.search ?? '').toLowerCase();
  const queue = v.team ? all.filter((t) => t.team === v.team) : all;
  const matching = queue.filter(
    (t) => (!v.category || t.category === v.category) && (!search || `${t.ticketId}\n${t.subject}\n${t.body}`.toLowerCase().includes(search)),
  );
  const offset = Number(v.offset ?? 0);
  return {
    data: {
      queuePage: { __typename: 'QueuePage', size: queue.length, matching: matching.length, tickets: matching.slice(offset, offset + Number(v.limit)) },
    },
  };
}

function setup(initial: Row[], overrides: Record<string, Handler> = {}) {
  let queue = initial;
  const live = renderLive(<LiveQueuePanel />, {
    QueuePage: (v) => pageOf(queue, v),
    PopNext: (v) => {
      const teams = v.teams as string[] | null | undefined;
      const first = queue.find((t) => !teams || teams.includes(t.team));
      queue = queue.filter((t) => t !== first);
      return { data: { popNext: first ?? null } };
    },
    ClearQueue: () => {
      const n = queue.length;
      queue = [];
      return { data: { clearQueue: n } };
    },
    ...overrides,
  });
  const setQueue = (q: typeof queue) => {
    queue = q;
  };
  const rows = () => {
    const tbody = screen.queryByRole('table')?.querySelector('tbody');
    return tbody ? within(tbody as HTMLElement).getAllByRole('row') : [];
  };
  return { ...live, setQueue, rows };
}

describe('QueuePanel (live)', () => {
  it('shows the exact size of the whole queue and pages through it', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 120 }, (_, i) => ticket(`T-${i}`, `Ticket ${i}`, 0.5));
    const { canned, callsOf, rows } = setup(many);
    await waitFor(() => expect(screen.getByText('120 tickets')).toBeInTheDocument());
    expect(rows()[0]).toHaveTextContent('T-0');
    expect(callsOf('QueuePage')[0]!.variables).toEqual({ limit: QUEUE_PAGE_SIZE, offset: 0, category: null, search: null, sort: 'URGENCY', team: null });
    expect(screen.getByRole('navigation', { name: 'Queue pages' })).toHaveTextContent('1–50 of 120');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(rows()[0]).toHaveTextContent('T-50'));
    expect(rows()[0]).toHaveTextContent(/^51/);
    expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ offset: 50 });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Queue pages' })).toHaveTextContent('101–120 of 120'));
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    // The header's stats are pushed as the queue changes: the count follows them at once.
    await waitFor(() => expect(canned.open('QueueStats')).toBe(1));
    act(() => canned.push('QueueStats', { queueStats: { __typename: 'QueueStats', size: 1199, waiting: 0, active: 0, failed: 0 } }));
    expect(screen.getByText('1,199 tickets')).toBeInTheDocument();
  });

  it('asks for a page of tickets and shows them, or the empty state', async () => {
    const { rows } = setup([ticket('A', 'Angry', 0.9), ticket('B', 'Calm', 0.1)]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByRole('navigation', { name: 'Queue pages' })).toBeNull();
  });

  it('searches (after typing pauses), filters by category and sorts, from the first page', async () => {
    const user = userEvent.setup();
    const { callsOf, rows } = setup([ticket('A', 'Refund please', 0.9, 'BILLING'), ticket('B', 'Login broken', 0.4, 'TECHNICAL'), ticket('C', 'Refund twice', 0.2, 'GENERAL')]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'refund');
    await waitFor(() => expect(rows()).toHaveLength(2));
    // One request for the word, not one per key.
    expect(callsOf('QueuePage').filter((c) => c.variables.search)).toHaveLength(1);
    expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ search: 'refund', offset: 0 });
    expect(screen.getByText('2 of 3 tickets match')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'BILLING');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ search: 'refund', category: 'BILLING' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'OLDEST');
    await waitFor(() => expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ sort: 'OLDEST', category: 'BILLING' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'LEGAL');
    expect(await screen.findByText('No ticket matches')).toBeInTheDocument();
  });

  it('asks again only when an event says the queue changed', async () => {
    const { canned, callsOf, rows, setQueue } = setup([ticket('A', 'Angry', 0.9)]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const before = callsOf('QueuePage').length;

    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000001000-0', 'ticket_accepted', { ticket_id: 'C' }) }));
    await pastRefetchSpacing();
    expect(callsOf('QueuePage')).toHaveLength(before);

    setQueue([ticket('A', 'Angry', 0.9), ticket('C', 'New one', 0.3)]);
    act(() =>
      canned.push('LiveActivity', {
        activity: wireEvent('1700000002000-0', 'ticket_processed', { ticket_id: 'C', job_id: 'C~1', urgency_score: 0.3 }),
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('QueuePage')).toHaveLength(before + 1);

    setQueue([]);
    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000003000-0', 'queue_cleared', { cleared: 2 }) }));
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
  });

  it('asks again when a claim takes a ticket out of the queue or puts it back', async () => {
    const { canned, callsOf, rows, setQueue } = setup([ticket('A', 'Angry', 0.9), ticket('B', 'Calm', 0.1)]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const before = callsOf('QueuePage').length;
    const push = (id: string, type: 'ticket_claimed' | 'ticket_released' | 'claim_expired' | 'lease_extended' | 'ticket_acked') =>
      act(() => canned.push('LiveActivity', { activity: wireEvent(id, type, contractData(type, { ticket_id: 'A' })) }));

    setQueue([ticket('B', 'Calm', 0.1)]);
    push('1700000001000-0', 'ticket_claimed');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsOf('QueuePage')).toHaveLength(before + 1);

    // Extending or acking a claim leaves the queue as it is.
    push('1700000002000-0', 'lease_extended');
    push('1700000003000-0', 'ticket_acked');
    await pastRefetchSpacing();
    expect(callsOf('QueuePage')).toHaveLength(before + 1);

    setQueue([ticket('A', 'Angry', 0.9), ticket('B', 'Calm', 0.1)]);
    push('1700000004000-0', 'ticket_released');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('QueuePage')).toHaveLength(before + 2);

    push('1700000005000-0', 'claim_expired');
    await waitFor(() => expect(callsOf('QueuePage')).toHaveLength(before + 3));
  });

  it('pops the next ticket and shows it', async () => {
    const user = userEvent.setup();
    const { rows } = setup([ticket('T-A1', 'Angry <script>', 0.9, 'BILLING'), ticket('B', 'Calm', 0.1)]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Pop next' }));
    const popped = await screen.findByRole('article', { name: 'Popped ticket' });
    expect(popped).toHaveTextContent('Angry <script>');
    expect(popped).toHaveTextContent('T-A1');
    expect(popped).toHaveTextContent('body of Angry <script>');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Calm');
  });

  it('clears only after confirmation', async () => {
    const user = userEvent.setup();
    const { rows, callsOf } = setup([ticket('A', 'Angry', 0.9)]);
    await waitFor(() => expect(rows()).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Clear queue' }));
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Confirm clear' })).toBeNull();
    expect(callsOf('ClearQueue')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Clear queue' }));
    await user.click(screen.getByRole('button', { name: 'Confirm clear' }));
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
    expect(callsOf('ClearQueue')).toHaveLength(1);
    expect(screen.getByText('Cleared 1 ticket.')).toBeInTheDocument();
  });

  it("shows a FORBIDDEN clear next to the queue's buttons, not as the key prompt", async () => {
    const user = userEvent.setup();
    const forbidden = { data: null, errors: [{ message: 'Only admin keys may clear the queue', extensions: { code: 'FORBIDDEN' } }] };
    const { rows } = setup([ticket('A', 'Angry', 0.9)], { ClearQueue: () => forbidden });
    await waitFor(() => expect(rows()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Clear queue' }));
    await user.click(screen.getByRole('button', { name: 'Confirm clear' }));
    const queue = screen.getByRole('region', { name: 'Queue' });
    expect(await within(queue).findByRole('alert')).toHaveTextContent("This key's role may not do that");
    expect(rows()).toHaveLength(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("says a key's role may not read the queue", async () => {
    setup([], { QueuePage: () => ({ data: null, errors: [{ message: 'Your key may not use queue', extensions: { code: 'FORBIDDEN' } }] }) });
    expect(await screen.findByRole('alert')).toHaveTextContent("Could not load the queue: This key's role may not do that");
  });

  it('asks at most once more while a request is in flight, however many events say the queue changed', async () => {
    const answers: ((r: CannedResponse) => void)[] = [];
    const { canned, callsOf, rows } = setup([], { QueuePage: () => new Promise<CannedResponse>((resolve) => answers.push(resolve)) });
    const answer = (n: number) => act(async () => answers[n]!(pageOf([ticket('A', 'Angry', 0.9)], { limit: QUEUE_PAGE_SIZE })));
    await waitFor(() => expect(answers).toHaveLength(1));
    await answer(0);
    await waitFor(() => expect(rows()).toHaveLength(1));

    const changed = (id: string) => act(() => canned.push('LiveActivity', { activity: wireEvent(id, 'queue_cleared', { cleared: 0 }) }));
    changed('1700000001000-0');
    await waitFor(() => expect(callsOf('QueuePage')).toHaveLength(2));
    for (const id of ['1700000002000-0', '1700000003000-0', '1700000004000-0']) changed(id);
    await pastRefetchSpacing();
    expect(callsOf('QueuePage')).toHaveLength(2);

    await answer(1);
    await waitFor(() => expect(callsOf('QueuePage')).toHaveLength(3));
    await answer(2);
    await pastRefetchSpacing();
    expect(callsOf('QueuePage')).toHaveLength(3);
  });

  it('keeps showing the queue it has when asking again fails', async () => {
    let fail = false;
    const { connection, callsOf, rows } = setup([ticket('A', 'Angry', 0.9)], {
      QueuePage: (v) => (fail ? { data: null, errors: [{ message: 'Redis is unreachable' }] } : pageOf([ticket('A', 'Angry', 0.9)], v)),
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fail = true;
    act(() => connection.connected());
    await waitFor(() => expect(callsOf('QueuePage')).toHaveLength(2));
    await pastRefetchSpacing();
    expect(rows()).toHaveLength(1);
    expect(screen.queryByText('Loading queue…')).toBeNull();
  });

  describe('team queues', () => {
    const TEAMS = ['billing', 'technical', 'legal', 'general'];
    /** `teamQueues` as the API answers it for `queue`, in TEAM_QUEUES order. */
    const teamQueuesOf = (queue: Row[]) => ({
      data: {
        teamQueues: TEAMS.map((team) => ({
          __typename: 'TeamQueue',
          team,
          size: queue.filter((t) => t.team === team).length,
          waiting: team === 'legal' ? 2 : 0,
          active: 0,
          failed: 0,
        })),
      },
    });
    const mixed = () => [
      ticket('B-1', 'Refund twice', 0.9, 'BILLING'),
      ticket('T-1', 'Login broken', 0.8, 'TECHNICAL'),
      ticket('B-2', 'Invoice typo', 0.3, 'BILLING'),
      ticket('G-1', 'Hello', 0.2, 'GENERAL'),
      // Routed by its submission, not its category.
      ticket('X-1', 'Contract question', 0.1, 'GENERAL', 'legal'),
    ];

    function teamSetup(initial: Row[], overrides: Record<string, Handler> = {}) {
      let current = initial;
      const live = setup(initial, {
        TeamQueues: () => teamQueuesOf(current),
        ...overrides,
      });
      return {
        ...live,
        setQueue: (q: Row[]) => {
          current = q;
          live.setQueue(q);
        },
      };
    }

    it("shows each team's count, and each ticket's team", async () => {
      const { rows } = teamSetup(mixed());
      await waitFor(() => expect(rows()).toHaveLength(5));
      const counts = await screen.findByRole('list', { name: 'Tickets per team' });
      expect(within(counts).getAllByRole('button').map((b) => b.textContent)).toEqual(['billing 2', 'technical 1', 'legal 1', 'general 1']);
      expect(within(counts).getByRole('button', { name: 'legal 1' })).toHaveAttribute('title', expect.stringContaining('2 waiting'));
      expect(within(rows()[0]!).getByTitle('Team queue: billing')).toBeInTheDocument();
      expect(within(rows()[4]!).getByTitle('Team queue: legal')).toBeInTheDocument();
      const select = screen.getByRole('combobox', { name: 'Team' });
      expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['All teams', ...TEAMS]);
      expect(select).toHaveValue('');
    });

    it("filters by team: that team's page, its size, and \"Pop next\" from that team only", async () => {
      const user = userEvent.setup();
      const { callsOf, rows } = teamSetup(mixed());
      await waitFor(() => expect(rows()).toHaveLength(5));
      await screen.findByRole('list', { name: 'Tickets per team' });

      await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), 'billing');
      await waitFor(() => expect(rows()).toHaveLength(2));
      expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ team: 'billing', offset: 0 });
      expect(screen.getByText('2 tickets in billing')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'billing 2' })).toHaveAttribute('aria-pressed', 'true');

      await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'refund');
      await waitFor(() => expect(rows()).toHaveLength(1));
      expect(screen.getByText('1 of 2 tickets in billing match')).toBeInTheDocument();
      await user.clear(screen.getByRole('searchbox', { name: 'Search tickets' }));
      await waitFor(() => expect(rows()).toHaveLength(2));

      await user.click(screen.getByRole('button', { name: 'Pop next' }));
      const popped = await screen.findByRole('article', { name: 'Popped ticket' });
      expect(popped).toHaveTextContent('B-1');
      expect(popped).toHaveTextContent('billing');
      expect(callsOf('PopNext').at(-1)!.variables).toEqual({ teams: ['billing'] });
      await user.click(screen.getByRole('button', { name: 'Pop next' }));
      await waitFor(() => expect(screen.getByRole('article', { name: 'Popped ticket' })).toHaveTextContent('B-2'));
      expect(await screen.findByText('The billing queue is empty')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Pop next' }));
      expect(await screen.findByText('Nothing to pop in billing.')).toBeInTheDocument();
      // The technical ticket, more urgent than B-2, was left alone.
      expect(callsOf('PopNext')).toHaveLength(3);

      await user.selectOptions(screen.getByRole('combobox', { name: 'Team' }), '');
      await waitFor(() => expect(rows()).toHaveLength(3));
      expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ team: null });
      await user.click(screen.getByRole('button', { name: 'Pop next' }));
      await waitFor(() => expect(screen.getByRole('article', { name: 'Popped ticket' })).toHaveTextContent('T-1'));
      expect(callsOf('PopNext').at(-1)!.variables).toEqual({ teams: null });
    });

    it("a team's chip chooses it (from the first page), and chosen, goes back to every team", async () => {
      const user = userEvent.setup();
      const many = Array.from({ length: 60 }, (_, i) => ticket(`T-${i}`, `Ticket ${i}`, 0.5, 'TECHNICAL'));
      const { callsOf, rows } = teamSetup([...many, ticket('B-1', 'Refund', 0.4, 'BILLING')]);
      await waitFor(() => expect(rows().length).toBeGreaterThan(0));
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await waitFor(() => expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ offset: 50 }));

      await user.click(await screen.findByRole('button', { name: 'technical 60' }));
      await waitFor(() => expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ team: 'technical', offset: 0 }));
      expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue('technical');
      await waitFor(() => expect(screen.getByText('60 tickets in technical')).toBeInTheDocument());

      await user.click(screen.getByRole('button', { name: 'technical 60' }));
      await waitFor(() => expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ team: null }));
      expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue('');
    });

    it("asks for the team counts again on the events that change them, spaced, never for others", async () => {
      const { canned, callsOf, rows, setQueue } = teamSetup(mixed());
      await waitFor(() => expect(rows()).toHaveLength(5));
      await screen.findByRole('button', { name: 'billing 2' });
      const before = callsOf('TeamQueues').length;

      act(() => canned.push('LiveActivity', { activity: wireEvent('1700000001000-0-billing', 'lease_extended', contractData('lease_extended', { ticket_id: 'B-1' })) }));
      await pastRefetchSpacing();
      expect(callsOf('TeamQueues')).toHaveLength(before);

      setQueue([...mixed(), ticket('B-3', 'Charged again', 0.7, 'BILLING')]);
      act(() =>
        canned.push('LiveActivity', {
          activity: wireEvent('1700000002000-0-billing', 'ticket_processed', contractData('ticket_processed', { ticket_id: 'B-3' })),
        }),
      );
      expect(await screen.findByRole('button', { name: 'billing 3' })).toBeInTheDocument();
      expect(callsOf('TeamQueues')).toHaveLength(before + 1);

      // A burst: one request after the one in flight, however many events.
      for (let i = 0; i < 5; i++) {
        act(() => canned.push('LiveActivity', { activity: wireEvent(`1700000003000-${i}-legal`, 'ticket_accepted', { ticket_id: `L-${i}`, job_id: `L-${i}~1` }) }));
      }
      await pastRefetchSpacing();
      await pastRefetchSpacing();
      expect(callsOf('TeamQueues').length).toBeLessThanOrEqual(before + 3);
      expect(callsOf('TeamQueues').length).toBeGreaterThan(before + 1);
    });

    it('drops a chosen team the API no longer has', async () => {
      const user = userEvent.setup();
      let teams = TEAMS;
      const { callsOf, rows, connection } = teamSetup(mixed(), {
        TeamQueues: () => ({ data: { teamQueues: teams.map((team) => ({ __typename: 'TeamQueue', team, size: 0, waiting: 0, active: 0, failed: 0 })) } }),
      });
      await waitFor(() => expect(rows()).toHaveLength(5));
      await user.selectOptions(await screen.findByRole('combobox', { name: 'Team' }), 'legal');
      await waitFor(() => expect(rows()).toHaveLength(1));
      teams = ['billing', 'technical', 'general'];
      act(() => connection.connected());
      await waitFor(() => expect(callsOf('QueuePage').at(-1)!.variables).toMatchObject({ team: null }));
      await waitFor(() => expect(rows()).toHaveLength(5));
      expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue('');
    });

    it('offers no team choice when the API answers no team queues (or a single one)', async () => {
      const { rows } = setup(mixed(), { TeamQueues: () => ({ data: { teamQueues: [{ __typename: 'TeamQueue', team: 'general', size: 5, waiting: 0, active: 0, failed: 0 }] } }) });
      await waitFor(() => expect(rows()).toHaveLength(5));
      await pastRefetchSpacing();
      expect(screen.queryByRole('combobox', { name: 'Team' })).toBeNull();
      expect(screen.queryByRole('list', { name: 'Tickets per team' })).toBeNull();
    });
  });
});
