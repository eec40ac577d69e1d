import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readFeedEvent, type FeedEvent } from '../live/feed-event';
import { histogram, perMinute, UrgencyPicture } from './UrgencyPicture';

const processedAt = (ms: number, type = 'ticket_processed'): FeedEvent =>
  readFeedEvent({
    id: `${ms}-0`,
    ts: new Date(ms).toISOString(),
    type,
    ticketId: 'x',
    data: {},
  });

describe('histogram', () => {
  it('puts S into 10 bins, 1.0 into the last', () => {
    expect(histogram([0, 0.05, 0.1, 0.55, 0.99, 1])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });
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

describe('UrgencyPicture', () => {
  it('draws a 10-bin histogram and the per-minute rate', () => {
    render(<UrgencyPicture scores={[0.1, 0.2, 0.95]} events={[processedAt(Date.now() - 1000)]} />);
    const svg = screen.getByRole('img', { name: 'Urgency histogram' });
    expect(svg.querySelectorAll('rect')).toHaveLength(10);
    const region = screen.getByRole('region', { name: 'Urgency picture' });
    expect(region).toHaveTextContent('per minute');
    expect(region).toHaveTextContent('1 urgent');
    expect(region).toHaveTextContent('1 this minute');
  });
});
