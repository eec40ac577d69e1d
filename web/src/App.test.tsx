import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { ActivityStore } from './live/activity-store';
import { ManualConnection } from './live/connection';
import { cannedClient } from './test/canned-client';
import { memoryKeyStore } from './test/render-live';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const canned = cannedClient({
    Health: () => ({ data: { health: { status: 'ok', scorer: { kind: 'lexicon', model: 'vader', reason: 'r' } } } }),
    QueuePage: () => ({ data: { queuePage: { size: 0, matching: 0, tickets: [] } } }),
    QueueSummary: () => ({ data: { queueSummary: { size: 0, bins: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], urgent: 0, high: 0 } } }),
    Claimed: () => ({ data: { claimed: [] } }),
    ActivityHistory: () => ({ data: { activity: [] } }),
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
});
