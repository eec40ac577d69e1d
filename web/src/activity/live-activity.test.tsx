import { act, render, screen, waitFor, within } from '@testing-library/react';
import { Provider } from 'urql';
import { describe, expect, it } from 'vitest';
import { GAP_LIMIT, HISTORY_LIMIT } from '../live/activity-feed';
import { ActivityStore } from '../live/activity-store';
import { ManualConnection } from '../live/connection';
import { useActivityEvents } from '../live/live-context';
import { LiveProvider } from '../live/LiveProvider';
import { cannedClient, wireEvent, type CannedResponse } from '../test/canned-client';
import { afterFrame } from '../test/render-live';
import { ActivityPanel } from './ActivityPanel';

// The activity panel fed by the live provider: the feed's merging, seen as a user sees it.

function Feed() {
  return <ActivityPanel events={useActivityEvents()} />;
}

function setup(history: () => CannedResponse | Promise<CannedResponse>) {
  const canned = cannedClient({ ActivityHistory: history });
  const connection = new ManualConnection();
  const store = new ActivityStore();
  render(
    <Provider value={canned.client}>
      <LiveProvider connection={connection} activity={store}>
        <Feed />
      </LiveProvider>
    </Provider>,
  );
  const historyCalls = () => canned.calls.filter((c) => c.name === 'ActivityHistory').map((c) => c.variables.limit);
  // Live events reach the store once per frame (see frame-batcher): wait for it.
  const live = (id: string, type: string, data: Record<string, unknown> = {}) =>
    act(async () => {
      canned.push('LiveActivity', { activity: wireEvent(id, type, data) });
      await afterFrame();
    });
  return { canned, connection, store, historyCalls, live };
}

const listed = () =>
  within(screen.getByRole('list', { name: 'Activity events' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent ?? '');

const e1 = wireEvent('1700000001000-0', 'ticket_accepted', { ticket_id: 'A' });
const e2 = wireEvent('1700000002000-0', 'ticket_processed', { ticket_id: 'A', urgency_score: 0.4, category: 'General' });
const e3 = wireEvent('1700000003000-0', 'ticket_accepted', { ticket_id: 'B' });
const e4 = wireEvent('1700000004000-0', 'ticket_processed', { ticket_id: 'B', urgency_score: 0.9, category: 'Legal' });

describe('LiveProvider + activity list', () => {
  it('shows history, then live events on top, without duplicating what both delivered', async () => {
    const { canned, historyCalls, live } = setup(() => ({ data: { activity: [e2, e1] } }));
    await waitFor(() => expect(listed()).toHaveLength(2));
    expect(historyCalls()).toEqual([HISTORY_LIMIT]);
    expect(canned.open('LiveActivity')).toBe(1);

    await live(e2.id, e2.type, e2.data); // already known from history
    await live(e3.id, e3.type, e3.data);
    expect(listed()).toHaveLength(3);
    expect(listed()[0]).toContain('ticket_accepted');
    expect(listed()[0]).toContain('B');
    expect(listed()[1]).toContain('ticket_processed');
  });

  it('on reconnect fetches what it missed and merges by id: no holes, no duplicates', async () => {
    let history: unknown[] = [e1];
    const { connection, historyCalls, live } = setup(() => ({ data: { activity: history } }));
    await waitFor(() => expect(listed()).toHaveLength(1));

    act(() => connection.connected());
    await waitFor(() => expect(historyCalls()).toHaveLength(2));
    await live(e2.id, e2.type, e2.data);
    // The first live event after a connect asks once more (closing the subscribe gap).
    await waitFor(() => expect(historyCalls()).toEqual([HISTORY_LIMIT, HISTORY_LIMIT, GAP_LIMIT]));

    // The socket drops; e3 and e4 happen meanwhile; the history now has them.
    act(() => connection.lost());
    history = [e4, e3, e2, e1];
    act(() => connection.connected());
    await waitFor(() => expect(listed()).toHaveLength(4));
    expect(listed().map((t) => t.match(/ticket_\w+/)?.[0])).toEqual([
      'ticket_processed',
      'ticket_accepted',
      'ticket_processed',
      'ticket_accepted',
    ]);
    expect(listed()[0]).toContain('S 0.90');

    // A live copy of an event the history already gave changes nothing.
    await live(e4.id, e4.type, e4.data);
    await waitFor(() => expect(historyCalls()).toHaveLength(5));
    expect(listed()).toHaveLength(4);
    await live('1700000005000-0', 'ticket_popped', { ticket_id: 'B' });
    expect(listed()).toHaveLength(5);
    expect(historyCalls()).toHaveLength(5); // only one gap fetch per connect
  });

  it('keeps order when a live event arrives before the history answer', async () => {
    let answer!: (r: CannedResponse) => void;
    const { live } = setup(() => new Promise<CannedResponse>((resolve) => (answer = resolve)));
    await waitFor(() => expect(answer).toBeTypeOf('function'));
    await live(e4.id, e4.type, e4.data);
    expect(listed()).toHaveLength(1);
    await act(async () => answer({ data: { activity: [e4, e3, e2, e1] } }));
    expect(listed()).toHaveLength(4);
    expect(listed()[0]).toContain('S 0.90');
    expect(listed()[3]).toContain('ticket_accepted');
  });

  it('lists events of a type this build does not know, from the history and live alike', async () => {
    const newer = wireEvent('1700000001500-0', 'ticket_snoozed', { ticket_id: 'A', reason: 'VIP' });
    const { live } = setup(() => ({ data: { activity: [newer, e1] } }));
    await waitFor(() => expect(listed()).toHaveLength(2));
    expect(listed()[0]).toContain('ticket_snoozed');
    expect(listed()[0]).toContain('VIP');
    await live('1700000005000-0', 'ticket_reopened', { ticket_id: 'A' });
    expect(listed()).toHaveLength(3);
    expect(listed()[0]).toContain('ticket_reopened');
  });
});
