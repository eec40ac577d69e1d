import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { wireEvent, type CannedResponse, type Handler } from '../test/canned-client';
import { renderLive } from '../test/render-live';
import { QueuePanel } from './QueuePanel';
import { useLiveQueue, QUEUE_LIMIT } from './use-live-queue';

function LiveQueuePanel() {
  return <QueuePanel queue={useLiveQueue()} />;
}

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

function setup(initial: ReturnType<typeof ticket>[], overrides: Record<string, Handler> = {}) {
  let queue = initial;
  const live = renderLive(<LiveQueuePanel />, {
    Queue: () => ({ data: { queue } }),
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
  it('says how many tickets are queued in all when the list is cut at its limit', async () => {
    const many = Array.from({ length: QUEUE_LIMIT }, (_, i) => ticket(`T-${i}`, `Ticket ${i}`, 0.5));
    const { canned } = setup(many);
    await waitFor(() => expect(screen.getByText(`${QUEUE_LIMIT.toLocaleString('en-US')} tickets`)).toBeInTheDocument());
    await waitFor(() => expect(canned.open('QueueStats')).toBe(1));
    act(() => canned.push('QueueStats', { queueStats: { __typename: 'QueueStats', size: 1199, waiting: 0, active: 0, failed: 0 } }));
    expect(screen.getByText('1,199 tickets · showing the first 1,000')).toBeInTheDocument();
  });

  it('asks for up to 1000 tickets and shows them, or the empty state', async () => {
    const { callsOf, rows } = setup([ticket('A', 'Angry', 0.9), ticket('B', 'Calm', 0.1)]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('Queue')[0]!.variables).toEqual({ limit: QUEUE_LIMIT });
  });

  it('asks again only when an event says the queue changed', async () => {
    const { canned, callsOf, rows, setQueue } = setup([ticket('A', 'Angry', 0.9)]);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const before = callsOf('Queue').length;

    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000001000-0', 'ticket_accepted', { ticket_id: 'C' }) }));
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf('Queue')).toHaveLength(before);

    setQueue([ticket('A', 'Angry', 0.9), ticket('C', 'New one', 0.3)]);
    act(() =>
      canned.push('LiveActivity', {
        activity: wireEvent('1700000002000-0', 'ticket_processed', { ticket_id: 'C', job_id: 'C~1', urgency_score: 0.3 }),
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('Queue')).toHaveLength(before + 1);

    setQueue([]);
    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000003000-0', 'queue_cleared', { cleared: 2 }) }));
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
  });

  it('asks again when a claim takes a ticket out of the queue or puts it back', async () => {
    const { canned, callsOf, rows, setQueue } = setup([ticket('A', 'Angry', 0.9), ticket('B', 'Calm', 0.1)]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const before = callsOf('Queue').length;
    const push = (id: string, type: 'ticket_claimed' | 'ticket_released' | 'claim_expired' | 'lease_extended' | 'ticket_acked') =>
      act(() => canned.push('LiveActivity', { activity: wireEvent(id, type, contractData(type, { ticket_id: 'A' })) }));

    setQueue([ticket('B', 'Calm', 0.1)]);
    push('1700000001000-0', 'ticket_claimed');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsOf('Queue')).toHaveLength(before + 1);

    // Extending or acking a claim leaves the queue as it is.
    push('1700000002000-0', 'lease_extended');
    push('1700000003000-0', 'ticket_acked');
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf('Queue')).toHaveLength(before + 1);

    setQueue([ticket('A', 'Angry', 0.9), ticket('B', 'Calm', 0.1)]);
    push('1700000004000-0', 'ticket_released');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsOf('Queue')).toHaveLength(before + 2);

    push('1700000005000-0', 'claim_expired');
    await waitFor(() => expect(callsOf('Queue')).toHaveLength(before + 3));
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
    setup([], { Queue: () => ({ data: null, errors: [{ message: 'Your key may not use queue', extensions: { code: 'FORBIDDEN' } }] }) });
    expect(await screen.findByRole('alert')).toHaveTextContent("Could not load the queue: This key's role may not do that");
  });

  it('asks at most once more while a request is in flight, however many events say the queue changed', async () => {
    const answers: ((r: CannedResponse) => void)[] = [];
    const { canned, callsOf, rows } = setup([], { Queue: () => new Promise<CannedResponse>((resolve) => answers.push(resolve)) });
    const answer = (n: number) => act(async () => answers[n]!({ data: { queue: [ticket('A', 'Angry', 0.9)] } }));
    await waitFor(() => expect(answers).toHaveLength(1));
    await answer(0);
    await waitFor(() => expect(rows()).toHaveLength(1));

    const changed = (id: string) => act(() => canned.push('LiveActivity', { activity: wireEvent(id, 'queue_cleared', { cleared: 0 }) }));
    changed('1700000001000-0');
    await waitFor(() => expect(callsOf('Queue')).toHaveLength(2));
    for (const id of ['1700000002000-0', '1700000003000-0', '1700000004000-0']) changed(id);
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf('Queue')).toHaveLength(2);

    await answer(1);
    await waitFor(() => expect(callsOf('Queue')).toHaveLength(3));
    await answer(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(callsOf('Queue')).toHaveLength(3);
  });

  it('keeps showing the queue it has when asking again fails', async () => {
    let fail = false;
    const { connection, callsOf, rows } = setup([ticket('A', 'Angry', 0.9)], {
      Queue: () => (fail ? { data: null, errors: [{ message: 'Redis is unreachable' }] } : { data: { queue: [ticket('A', 'Angry', 0.9)] } }),
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fail = true;
    act(() => connection.connected());
    await waitFor(() => expect(callsOf('Queue')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(rows()).toHaveLength(1);
    expect(screen.queryByText('Loading queue…')).toBeNull();
  });
});
