import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { wireEvent, type CannedResponse, type Handler } from '../test/canned-client';
import { pastRefetchSpacing, renderLive } from '../test/render-live';
import { QueuePanel } from './QueuePanel';
import { QUEUE_PAGE_SIZE } from './use-live-queue';

const LiveQueuePanel = QueuePanel;

const ticket = (ticketId: string, subject: string, urgencyScore: number, category = 'GENERAL') => ({
  __typename: 'Ticket',
  ticketId,
  jobId: `${ticketId}~1`,
  subject,
  body: `body of ${subject}`,
  category,
  urgencyScore,
  isUrgent: urgencyScore >= 0.5,
  customerId: null,
  channel: null,
  createdAt: new Date().toISOString(),
  processedAt: new Date().toISOString(),
});

type Row = ReturnType<typeof ticket>;

/** The API's answer to a page of `queue` (filtered by category and search text the way the API does). */
function pageOf(queue: Row[], v: Record<string, unknown>) {
  const search = String(v.search ?? '').toLowerCase();
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
    PopNext: () => {
      const [first, ...rest] = queue;
      queue = rest;
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
    expect(callsOf('QueuePage')[0]!.variables).toEqual({ limit: QUEUE_PAGE_SIZE, offset: 0, category: null, search: null, sort: 'URGENCY' });
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
});
