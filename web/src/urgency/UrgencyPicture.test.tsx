import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { readFeedEvent, type FeedEvent } from '../live/feed-event';
import { wireEvent } from '../test/canned-client';
import { pastRefetchSpacing, renderLive } from '../test/render-live';
import { TeamFilterProvider, useTeamFilter } from '../team-filter';
import { perMinute, UrgencyPicture } from './UrgencyPicture';

const processedAt = (ms: number, type = 'ticket_processed'): FeedEvent =>
  readFeedEvent({
    id: `${ms}-0`,
    ts: new Date(ms).toISOString(),
    type,
    ticketId: 'x',
    data: {},
  });

describe('perMinute', () => {
  it('counts ticket_processed events of the last 10 minutes, oldest minute first', () => {
    const now = 1_700_000_600_000;
    const events = [
      processedAt(now - 5_000),
      processedAt(now - 30_000),
      processedAt(now - 61_000),
      processedAt(now - 9 * 60_000 - 1),
      processedAt(now - 11 * 60_000), // too old
      processedAt(now - 1_000, 'ticket_accepted'), // not processed
    ];
    expect(perMinute(events, now)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  });
});

const summary = (size: number, bins: number[], urgent: number, high: number | null) => ({
  data: { queueSummary: { __typename: 'QueueSummary', size, bins, urgent, high } },
});

describe('UrgencyPicture', () => {
  it("draws the whole queue's counts by S (asked of the API, with the webhook threshold) and the per-minute rate", async () => {
    const { callsOf } = renderLive(<UrgencyPicture events={[processedAt(Date.now() - 1000)]} />, {
      QueueSummary: () => summary(1203, [0, 100, 3, 0, 0, 900, 0, 0, 0, 200], 1100, 200),
    });
    const region = screen.getByRole('region', { name: 'Urgency picture' });
    await waitFor(() => expect(region).toHaveTextContent('S of the 1,203 queued tickets'));
    expect(callsOf('QueueSummary')[0]!.variables).toEqual({ highAbove: 0.8, team: null });
    const svg = screen.getByRole('img', { name: 'Urgency histogram' });
    expect(svg.querySelectorAll('rect')).toHaveLength(10);
    expect(svg).toHaveTextContent('900');
    expect(region).toHaveTextContent('1100 urgent');
    expect(region).toHaveTextContent('200 high');
    expect(region).toHaveTextContent('1 this minute');
  });

  it('asks again when an event says the queue changed, not for others', async () => {
    let size = 1;
    const { canned, callsOf } = renderLive(<UrgencyPicture events={[]} />, {
      QueueSummary: () => summary(size, [0, 0, 0, 0, 0, 0, 0, 0, 0, size], size, size),
    });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Urgency picture' })).toHaveTextContent('S of the 1 queued ticket '));
    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000001000-0', 'ticket_accepted', { ticket_id: 'B', job_id: 'B~2' }) }));
    await pastRefetchSpacing();
    expect(callsOf('QueueSummary')).toHaveLength(1);
    size = 2;
    act(() => canned.push('LiveActivity', { activity: wireEvent('1700000002000-0', 'ticket_removed', { ticket_id: 'A', urgency_score: 0.9 }) }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Urgency picture' })).toHaveTextContent('S of the 2 queued tickets'));
  });

  it("follows the team chosen in the queue panel: that team's queue, asked again when the choice changes", async () => {
    const user = userEvent.setup();
    // Stands in for the queue panel's team filter (views do not import each other).
    function Choose() {
      const { setTeam } = useTeamFilter();
      return (
        <>
          <button type="button" onClick={() => setTeam('billing')}>billing</button>
          <button type="button" onClick={() => setTeam(null)}>all</button>
        </>
      );
    }
    const { callsOf } = renderLive(
      <TeamFilterProvider>
        <Choose />
        <UrgencyPicture events={[]} />
      </TeamFilterProvider>,
      { QueueSummary: (v) => (v.team === 'billing' ? summary(4, [0, 0, 0, 0, 0, 0, 0, 0, 0, 4], 4, 4) : summary(10, [0, 0, 0, 0, 0, 0, 0, 0, 0, 10], 10, 10)) },
    );
    const region = screen.getByRole('region', { name: 'Urgency picture' });
    await waitFor(() => expect(region).toHaveTextContent('S of the 10 queued tickets (10 bins'));
    await user.click(screen.getByRole('button', { name: 'billing' }));
    await waitFor(() => expect(region).toHaveTextContent('S of the 4 queued tickets in billing (10 bins'));
    expect(callsOf('QueueSummary').at(-1)!.variables).toEqual({ highAbove: 0.8, team: 'billing' });
    await user.click(screen.getByRole('button', { name: 'all' }));
    await waitFor(() => expect(region).toHaveTextContent('S of the 10 queued tickets (10 bins'));
  });
});
