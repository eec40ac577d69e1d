import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { QueueTable } from './queue/QueueTable';
import { renderLive } from './test/render-live';
import { ThresholdsProvider } from './thresholds';

const now = Date.parse('2026-01-01T12:00:00Z');
const rows = [0.7, 0.9].map((urgencyScore, i) => ({
  ticketId: `T-${i}`,
  subject: `Ticket ${i}`,
  category: 'TECHNICAL',
  urgencyScore,
  createdAt: new Date(now - 1000).toISOString(),
}));
const badges = (ticketId: string) => within(screen.getByText(ticketId).closest('tr')!);

describe('the badges follow the thresholds the API reports', () => {
  it('uses WEBHOOK_MIN_URGENCY of the workers: 0.6 makes S 0.7 "High (webhook)"', async () => {
    renderLive(
      <ThresholdsProvider>
        <QueueTable tickets={rows} now={now} />
      </ThresholdsProvider>,
      { Thresholds: () => ({ data: { health: { urgentThreshold: 0.5, webhookThreshold: 0.6 } } }) },
    );
    expect(await badges('T-0').findByText('High (webhook)')).toBeInTheDocument();
    expect(badges('T-1').getByText('High (webhook)')).toBeInTheDocument();
  });

  it('shows no webhook badge when no worker has a webhook', async () => {
    const { canned } = renderLive(
      <ThresholdsProvider>
        <QueueTable tickets={rows} now={now} />
      </ThresholdsProvider>,
      { Thresholds: () => ({ data: { health: { urgentThreshold: 0.5, webhookThreshold: null } } }) },
    );
    await expect.poll(() => canned.calls.some((c) => c.name === 'Thresholds')).toBe(true);
    await expect.poll(() => screen.queryAllByText('High (webhook)').length).toBe(0);
    expect(badges('T-0').getByText('Urgent')).toBeInTheDocument();
  });

  it('keeps the defaults (0.5, 0.8) until the API answers', () => {
    renderLive(
      <ThresholdsProvider>
        <QueueTable tickets={rows} now={now} />
      </ThresholdsProvider>,
      { Thresholds: () => new Promise(() => undefined) },
    );
    expect(badges('T-0').queryByText('High (webhook)')).toBeNull();
    expect(badges('T-1').getByText('High (webhook)')).toBeInTheDocument();
  });
});
