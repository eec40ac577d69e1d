import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueueTable, type QueueRow } from './QueueTable';

const now = Date.parse('2026-01-01T12:00:00Z');
const row = (ticketId: string, subject: string, category: string, urgencyScore: number, agoSeconds: number): QueueRow => ({
  ticketId,
  subject,
  category,
  urgencyScore,
  createdAt: new Date(now - agoSeconds * 1000).toISOString(),
});

const tickets = [
  row('T-high', 'Site is down, furious', 'TECHNICAL', 0.93, 30),
  row('T-edge', 'Exactly high?', 'LEGAL', 0.8, 90),
  row('T-mid', 'Invoice wrong', 'BILLING', 0.5, 3600 + 120),
  row('T-low', 'Thanks, all good <b>bold</b>', 'GENERAL', 0.12, 5),
];

const bodyRows = () => within(screen.getByRole('table').querySelector('tbody')!).getAllByRole('row');

describe('QueueTable', () => {
  it('puts only the rows in view in the DOM, while telling assistive technology how many there are', () => {
    const many = Array.from({ length: 1000 }, (_, i) => row(`T-${i}`, `Ticket ${i}`, 'GENERAL', 1 - i / 1000, i));
    render(<QueueTable tickets={many} now={now} />);
    const shown = bodyRows().filter((r) => !r.classList.contains('spacer'));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(60);
    expect(shown[0]).toHaveTextContent('T-0');
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
  });

  it("shows the scorer's reasons on hover and on expand, and nothing for tickets without them", () => {
    const explained = { ...row('T-why', 'Checkout down', 'TECHNICAL', 0.91, 10), urgencyExplanation: 'outage +1.9 · tone 0.31 +0.2' };
    render(<QueueTable tickets={[explained, row('T-old', 'Old ticket', 'GENERAL', 0.2, 10)]} now={now} />);
    const [first, second] = bodyRows();
    const why = within(first!).getByText('Why?');
    expect(why.closest('details')).not.toHaveAttribute('open');
    expect(why).toHaveAttribute('title', 'outage +1.9 · tone 0.31 +0.2');
    expect(within(first!).getByText('outage +1.9 · tone 0.31 +0.2', { selector: 'p' })).toBeInTheDocument();
    expect(within(first!).getByText('0.91').closest('[title]')).toHaveAttribute('title', 'outage +1.9 · tone 0.31 +0.2');
    expect(within(second!).queryByText('Why?')).toBeNull();
  });

  it('has the contract columns', () => {
    render(<QueueTable tickets={tickets} now={now} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Subject', 'Category', 'Urgency', 'Age']));
  });

  it('keeps the pop order it is given, one row per ticket', () => {
    render(<QueueTable tickets={tickets} now={now} />);
    const rows = bodyRows();
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => within(r).getByText(/^T-/).textContent)).toEqual(['T-high', 'T-edge', 'T-mid', 'T-low']);
  });

  it('shows Urgent for S ≥ 0.5 and High (webhook) only for S > 0.8', () => {
    render(<QueueTable tickets={tickets} now={now} />);
    const [high, edge, mid, low] = bodyRows();
    expect(within(high!).getByText('Urgent')).toBeInTheDocument();
    expect(within(high!).getByText('High (webhook)')).toBeInTheDocument();
    expect(within(edge!).getByText('Urgent')).toBeInTheDocument();
    expect(within(edge!).queryByText('High (webhook)')).toBeNull();
    expect(within(mid!).getByText('Urgent')).toBeInTheDocument();
    expect(within(low!).queryByText('Urgent')).toBeNull();
    expect(within(low!).queryByText('High (webhook)')).toBeNull();
  });

  it('shows the category as a chip and S as a number and a meter', () => {
    render(<QueueTable tickets={tickets} now={now} />);
    const [high, , mid, low] = bodyRows();
    expect(within(high!).getByText('Technical')).toHaveClass('chip');
    expect(within(mid!).getByText('Billing')).toHaveClass('chip-billing');
    expect(within(high!).getByText('0.93')).toBeInTheDocument();
    expect(within(mid!).getByText('0.50')).toBeInTheDocument();
    const meter = within(high!).getByRole('meter');
    expect(meter).toHaveAttribute('aria-valuenow', '0.93');
    expect(meter.firstElementChild).toHaveStyle({ width: '93%' });
    expect(within(low!).getByRole('meter')).toHaveAttribute('aria-valuenow', '0.12');
  });

  it('shows ages and subjects as plain text', () => {
    render(<QueueTable tickets={tickets} now={now} />);
    const [high, , mid, low] = bodyRows();
    expect(within(high!).getByText('30s')).toBeInTheDocument();
    expect(within(mid!).getByText('1h 2m')).toBeInTheDocument();
    expect(within(low!).getByText('Thanks, all good <b>bold</b>')).toBeInTheDocument();
    expect(low!.querySelector('b')).toBeNull();
  });

  it('shows the team queue each ticket waits in under its category, and no team from an API without teams', () => {
    render(<QueueTable tickets={[{ ...row('T-b', 'Refund', 'TECHNICAL', 0.7, 10), team: 'billing' }, row('T-x', 'Old API', 'GENERAL', 0.2, 10)]} now={now} />);
    const headers = within(screen.getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['#', 'Subject', 'Category', 'Urgency', 'Age']);
    const [first, second] = bodyRows();
    expect(within(first!).getAllByRole('cell')[2]).toHaveTextContent(/^TechnicalTeam billing$/);
    expect(within(first!).getByTitle('Team queue: billing')).toHaveTextContent('billing');
    expect(within(second!).getAllByRole('cell')[2]).toHaveTextContent(/^General$/);
  });
});
