import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contractData } from '../test/activity-fixtures';
import { wireEvent } from '../test/canned-client';
import { memoryKeyStore, pastRefetchSpacing, renderLive } from '../test/render-live';
import { Header } from './Header';

const health = (kind: string, reason: string) => () => ({
  data: {
    health: {
      __typename: 'Health',
      status: 'ok',
      scorer: { __typename: 'ScorerInfo', kind, model: kind === 'lexicon' ? 'vader-lexicon' : 'distilbert q8', reason },
    },
  },
});

describe('Header', () => {
  it('shows queue stats from the subscription', async () => {
    const { canned } = renderLive(<Header />, { Health: health('transformer', 'URGENCY_SCORER=auto') });
    expect(screen.getByRole('banner')).toHaveTextContent('Intelligent Queue');
    await waitFor(() => expect(canned.open('QueueStats')).toBe(1));
    act(() => canned.push('QueueStats', { queueStats: { __typename: 'QueueStats', size: 12, waiting: 3, active: 2, failed: 1 } }));
    expect(screen.getByLabelText('Queue size')).toHaveTextContent('12');
    expect(screen.getByLabelText('Waiting')).toHaveTextContent('3');
    expect(screen.getByLabelText('Active')).toHaveTextContent('2');
    expect(screen.getByLabelText('Failed')).toHaveTextContent('1');
    act(() => canned.push('QueueStats', { queueStats: { __typename: 'QueueStats', size: 40, waiting: 0, active: 0, failed: 1 } }));
    expect(screen.getByLabelText('Queue size')).toHaveTextContent('40');
  });

  it('links to the job board (bull-board, served by the API)', () => {
    renderLive(<Header />, { Health: health('lexicon', 'URGENCY_SCORER=lexicon') });
    expect(screen.getByRole('link', { name: 'Jobs' })).toHaveAttribute('href', '/admin/queues');
  });

  it('names the transformer scorer', async () => {
    renderLive(<Header />, { Health: health('transformer', 'URGENCY_SCORER=auto') });
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('transformer'));
    expect(screen.getByLabelText('Scorer')).not.toHaveTextContent('fallback');
  });

  it('names a lexicon scorer chosen on purpose without calling it a fallback', async () => {
    renderLive(<Header />, { Health: health('lexicon', 'URGENCY_SCORER=lexicon') });
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon'));
    expect(screen.getByLabelText('Scorer')).not.toHaveTextContent('fallback');
  });

  it('names the lexicon fallback and why', async () => {
    renderLive(<Header />, { Health: health('lexicon', 'fallback: transformer unavailable (offline)') });
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon fallback'));
    expect(screen.getByLabelText('Scorer')).toHaveTextContent('transformer unavailable (offline)');
  });

  it('shows the live feed state and asks for health again after a reconnect', async () => {
    const { connection, callsOf } = renderLive(<Header />, { Health: health('lexicon', 'URGENCY_SCORER=lexicon') });
    const feed = screen.getByRole('status', { name: 'Live feed' });
    expect(feed).toHaveTextContent(/^reconnecting$/);
    await waitFor(() => expect(callsOf('Health')).toHaveLength(1));
    act(() => connection.connected());
    expect(feed).toHaveTextContent(/^connected$/);
    await waitFor(() => expect(callsOf('Health')).toHaveLength(2));
    act(() => connection.lost());
    expect(feed).toHaveTextContent(/^reconnecting$/);
    act(() => connection.connected());
    expect(feed).toHaveTextContent(/^connected$/);
    // Once on load, once per connect.
    await waitFor(() => expect(callsOf('Health')).toHaveLength(3));
  });

  it('offers "Forget key" only while a key is held, and forgets it', async () => {
    const user = userEvent.setup();
    const { keys } = renderLive(<Header />, { Health: health('lexicon', 'URGENCY_SCORER=lexicon') }, memoryKeyStore('k-agent'));
    await user.click(screen.getByRole('button', { name: 'Forget key' }));
    expect(keys.current()).toBeNull();
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();
  });

  it('offers no "Forget key" without a key', () => {
    renderLive(<Header />, { Health: health('lexicon', 'URGENCY_SCORER=lexicon') });
    expect(screen.queryByRole('button', { name: 'Forget key' })).toBeNull();
  });

  it('keeps naming the scorer it knows when asking again fails', async () => {
    let fail = false;
    const ok = health('lexicon', 'URGENCY_SCORER=lexicon');
    const { connection, callsOf } = renderLive(<Header />, { Health: () => (fail ? { errors: [{ message: 'API restarting' }] } : ok()) });
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon'));
    fail = true;
    act(() => connection.connected());
    await waitFor(() => expect(callsOf('Health')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon');
  });

  it('says the scorer is unavailable when health never answers', async () => {
    renderLive(<Header />, { Health: () => ({ errors: [{ message: 'API restarting' }] }) });
    await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('unavailable'));
  });

  describe('unserved team queues', () => {
    const healthWith = (unserved: () => string[] | undefined) => () => {
      const answer = health('lexicon', 'URGENCY_SCORER=lexicon')();
      const teams = unserved();
      return { data: { health: { ...answer.data.health, ...(teams === undefined ? {} : { unservedTeams: teams }) } } };
    };

    it('warns of the team queues no live worker takes jobs from', async () => {
      renderLive(<Header />, { Health: healthWith(() => ['legal', 'general']) });
      const warning = await screen.findByRole('group', { name: 'Unserved teams' });
      expect(warning).toHaveTextContent('No worker for legal, general');
      expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon');
    });

    it('shows no warning while every team is served, or when health is not answered (a key without the scope)', async () => {
      const { unmount } = renderLive(<Header />, { Health: healthWith(() => []) });
      await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('lexicon'));
      expect(screen.queryByRole('group', { name: 'Unserved teams' })).toBeNull();
      unmount();
      renderLive(<Header />, { Health: () => ({ data: null, errors: [{ message: 'Your key may not use health', extensions: { code: 'FORBIDDEN' } }] }) });
      await waitFor(() => expect(screen.getByLabelText('Scorer')).toHaveTextContent('unavailable'));
      expect(screen.queryByRole('group', { name: 'Unserved teams' })).toBeNull();
    });

    it("asks again when an unserved team's ticket is processed (a worker serves it now), not for other teams", async () => {
      let unserved = ['legal'];
      const { canned, callsOf } = renderLive(<Header />, { Health: healthWith(() => unserved) });
      await screen.findByRole('group', { name: 'Unserved teams' });
      expect(callsOf('Health')).toHaveLength(1);
      const processed = (id: string) =>
        act(() => canned.push('LiveActivity', { activity: wireEvent(id, 'ticket_processed', contractData('ticket_processed', { ticket_id: id })) }));

      processed('1700000001000-0-billing');
      processed('1700000001000-1');
      await pastRefetchSpacing();
      expect(callsOf('Health')).toHaveLength(1);

      unserved = [];
      processed('1700000002000-0-legal');
      await waitFor(() => expect(screen.queryByRole('group', { name: 'Unserved teams' })).toBeNull());
      expect(callsOf('Health')).toHaveLength(2);
      // Nothing is unserved any more: processed tickets do not ask again.
      processed('1700000003000-0-legal');
      await pastRefetchSpacing();
      expect(callsOf('Health')).toHaveLength(2);
    });
  });
});
