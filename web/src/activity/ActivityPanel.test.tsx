import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { isActivityType, readFeedEvent, type FeedEvent } from '../live/feed-event';
import { contractData } from '../test/activity-fixtures';
import { ActivityPanel } from './ActivityPanel';

/** An event as the API sends it (contract-complete when its type is known), read as the feed reads it. */
const ev = (id: string, type: string, ticketId: string | null, data: Record<string, unknown> = {}): FeedEvent => {
  const fields = ticketId ? { ticket_id: ticketId, ...data } : data;
  return readFeedEvent({
    id,
    ts: new Date(Number(id.split('-')[0])).toISOString(),
    type,
    ticketId,
    data: isActivityType(type) ? contractData(type, fields) : fields,
  });
};

const base = [
  ev('1700000003000-0', 'ticket_processed', 'T-2', { urgency_score: 0.91, category: 'Billing' }),
  ev('1700000002000-0', 'ticket_accepted', 'T-2'),
  ev('1700000001000-0', 'ticket_accepted', 'T-1'),
];

const items = () => within(screen.getByRole('list', { name: 'Activity events' })).queryAllByRole('listitem');

describe('ActivityPanel', () => {
  it('lists events in the order given (newest first) with type, ticket id and details', () => {
    render(<ActivityPanel events={base} />);
    const li = items();
    expect(li).toHaveLength(3);
    expect(li[0]).toHaveTextContent('ticket_processed');
    expect(li[0]).toHaveTextContent('T-2');
    expect(li[0]).toHaveTextContent('S 0.91');
    expect(li[0]).toHaveTextContent('Billing');
    expect(li[2]).toHaveTextContent('ticket_accepted');
    expect(li[2]).toHaveTextContent('T-1');
  });

  it('shows an urgency correction as old → new S with its reason, and offers its type in the filter', () => {
    render(<ActivityPanel events={[ev('1-0', 'urgency_overridden', 'T-3', { old_score: 0.12, new_score: 0.99, reason: 'hospital' })]} />);
    expect(items()[0]).toHaveTextContent('urgency_overridden');
    expect(items()[0]).toHaveTextContent('S 0.12 → 0.99 · hospital');
    const select = screen.getByRole('combobox', { name: 'Filter by type' });
    expect(within(select).getByRole('option', { name: 'urgency_overridden' })).toBeInTheDocument();
  });

  it('filters by type', async () => {
    const user = userEvent.setup();
    render(<ActivityPanel events={base} />);
    const select = screen.getByRole('combobox', { name: 'Filter by type' });
    expect(within(select).getByRole('option', { name: 'All' })).toBeInTheDocument();
    expect(within(select).getByRole('option', { name: 'webhook_failed' })).toBeInTheDocument();

    await user.selectOptions(select, 'ticket_accepted');
    expect(items()).toHaveLength(2);
    expect(items().every((li) => li.textContent?.includes('ticket_accepted'))).toBe(true);

    await user.selectOptions(select, 'queue_cleared');
    expect(items()).toHaveLength(0);
    expect(screen.getByText('No events of this type')).toBeInTheDocument();

    await user.selectOptions(select, 'all');
    expect(items()).toHaveLength(3);
  });

  it('pauses (new events are counted, not shown) and resumes', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<ActivityPanel events={base} />);
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();

    const newer = [ev('1700000005000-0', 'ticket_popped', 'T-2'), ev('1700000004000-0', 'ticket_accepted', 'T-3'), ...base];
    rerender(<ActivityPanel events={newer} />);
    expect(items()).toHaveLength(3);
    expect(items()[0]).toHaveTextContent('ticket_processed');
    expect(screen.getByText(/2 new events since/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    expect(items()).toHaveLength(5);
    expect(items()[0]).toHaveTextContent('ticket_popped');
    expect(items()[1]).toHaveTextContent('T-3');
  });

  it('lists an event of a type it does not know (a newer API), with its ticket and details, and offers its type', () => {
    render(<ActivityPanel events={[ev('1700000004000-0', 'ticket_snoozed', 'T-4', { urgency_score: 0.97, reason: 'VIP' }), ...base]} />);
    expect(items()).toHaveLength(4);
    expect(items()[0]).toHaveTextContent('ticket_snoozed');
    expect(items()[0]).toHaveTextContent('T-4');
    expect(items()[0]).toHaveTextContent('S 0.97 · VIP');
    const select = screen.getByRole('combobox', { name: 'Filter by type' });
    expect(within(select).getByRole('option', { name: 'ticket_snoozed' })).toBeInTheDocument();
  });

  it('lists an event whose data does not hold to its type as it came, rather than trusting it', () => {
    const odd = readFeedEvent({ id: '1-0', ts: '', type: 'ticket_processed', ticketId: 'T-5', data: { urgency_score: 'high' } });
    expect(odd.known).toBe(false);
    render(<ActivityPanel events={[odd]} />);
    expect(items()[0]).toHaveTextContent('ticket_processed');
    expect(items()[0]).toHaveTextContent('T-5');
  });

  it('renders ticket text as text, not HTML', () => {
    render(<ActivityPanel events={[ev('1-0', 'ticket_failed', null, { error: '<img src=x onerror=alert(1)>' })]} />);
    expect(items()[0]).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });
});
