import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { ActivityStore } from './live/activity-store';
import { ManualConnection } from './live/connection';
import { cannedClient } from './test/canned-client';
import { memoryKeyStore } from './test/render-live';

afterEach(() => {
  vi.useRealTimers();
});

function setup(handlers: Parameters<typeof cannedClient>[0] = {}) {
  const canned = cannedClient({
    Health: () => ({ data: { health: { status: 'ok', scorer: { kind: 'lexicon', model: 'vader', reason: 'r' } } } }),
    QueuePage: () => ({ data: { queuePage: { size: 0, matching: 0, tickets: [] } } }),
    QueueSummary: () => ({ data: { queueSummary: { size: 0, bins: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], urgent: 0, high: 0 } } }),
    Claimed: () => ({ data: { claimed: [] } }),
    ActivityHistory: () => ({ data: { activity: [] } }),
    ...handlers,
  });
  const connection = new ManualConnection();
  render(
    <App
      client={canned.client}
      connection={connection}
      activity={new ActivityStore()}
      apiKey={{ keys: memoryKeyStore(), check: async () => 'accepted' }}
    />,
  );
  return { canned, connection };
}

describe('App', () => {
  it('has every section of the UI contract', async () => {
    setup();
    for (const name of ['Submit tickets', 'Claimed', 'Queue', 'Activity', 'Urgency picture']) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument();
    }
    expect(await screen.findByText('Queue is empty')).toBeInTheDocument();
    expect(await screen.findByText('No claimed tickets')).toBeInTheDocument();
  });

  it('sends no request as time passes: updates are event-driven, not polled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { canned, connection } = setup();
    act(() => connection.connected());
    await waitFor(() => expect(screen.getByText('Queue is empty')).toBeInTheDocument());
    await waitFor(() => expect(screen.getByText('No claimed tickets')).toBeInTheDocument());
    const sent = canned.calls.length;
    expect(sent).toBeGreaterThan(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(15 * 60_000);
    });
    expect(canned.calls.length).toBe(sent);
  });

  it("the team chosen in the queue panel is the urgency picture's too", async () => {
    const user = userEvent.setup();
    const team = (name: string, size: number) => ({ __typename: 'TeamQueue', team: name, size, waiting: 0, active: 0, failed: 0 });
    const { canned } = setup({ TeamQueues: () => ({ data: { teamQueues: [team('billing', 2), team('technical', 1)] } }) });
    const calls = (name: string) => canned.calls.filter((c) => c.name === name);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Team' }), 'technical');
    await waitFor(() => expect(calls('QueuePage').at(-1)!.variables).toMatchObject({ team: 'technical' }));
    await waitFor(() => expect(calls('QueueSummary').at(-1)!.variables).toMatchObject({ team: 'technical' }));
    expect(await screen.findByText('The technical queue is empty')).toBeInTheDocument();
  });
});
