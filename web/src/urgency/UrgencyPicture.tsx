import { useMemo } from 'react';
import { QUEUE_CHANGING_EVENTS } from '@iq/core/domain';
import { useQuery } from 'urql';
import { graphql } from '../graphql';
import { eventTime } from '../live/event-list';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';
import type { FeedEvent } from '../live/feed-event';
import { formatScore, useNow } from '../format';
import { useThresholds } from '../thresholds';
import { useTeamFilter } from '../team-filter';

export const BINS = 10;
export const MINUTES = 10;

/**
 * The whole queue counted by S, in Redis: the picture describes every queued ticket,
 * not the page the queue panel shows, and costs the same for ten tickets or a million.
 * With `team`, that team's queue (the team chosen in the queue panel).
 */
export const QueueSummaryQuery = graphql(`
  query QueueSummary($highAbove: Float, $team: String) {
    queueSummary(highAbove: $highAbove, team: $team) { size bins urgent high }
  }
`);

export interface Summary {
  size: number;
  bins: readonly number[];
  urgent: number;
  high: number | null;
}

/** The queue's summary (one team's, with `team`), asked again (spaced, as the queue is) whenever an event says the queue changed. */
export function useLiveSummary(highAbove: number | null, team: string | null = null): Summary | null {
  const [result, reexecute] = useQuery({ query: QueueSummaryQuery, variables: { highAbove, team }, requestPolicy: 'network-only' });
  useLiveRefetch(result, reexecute, QUEUE_CHANGING_EVENTS);
  return useLastAnswer(result.data?.queueSummary) ?? null;
}

/** ticket_processed events per minute, oldest minute first; the last entry is the current minute. */
export function perMinute(events: readonly FeedEvent[], now: number, minutes = MINUTES): number[] {
  const counts = new Array<number>(minutes).fill(0);
  for (const e of events) {
    if (e.type !== 'ticket_processed') continue;
    const ago = Math.floor((now - eventTime(e)) / 60_000);
    if (ago >= 0 && ago < minutes) counts[minutes - 1 - ago]!++;
    else if (ago < 0) counts[minutes - 1]!++; // a clock slightly ahead of ours
  }
  return counts;
}

const W = 300;
const H = 110;
const PAD = { top: 14, right: 6, bottom: 20, left: 6 };

function Bars({ counts, labels, fill }: { counts: number[]; labels: string[]; fill: (i: number) => string }) {
  const max = Math.max(1, ...counts);
  const slot = (W - PAD.left - PAD.right) / counts.length;
  const height = H - PAD.top - PAD.bottom;
  return (
    <>
      <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
      {counts.map((c, i) => {
        const h = (c / max) * height;
        const x = PAD.left + i * slot;
        return (
          <g key={i}>
            <rect x={x + 2} y={H - PAD.bottom - h} width={slot - 4} height={h} fill={fill(i)} rx={2} />
            {c > 0 && (
              <text x={x + slot / 2} y={H - PAD.bottom - h - 3} textAnchor="middle" className="bar-count">
                {c}
              </text>
            )}
            {labels[i] && (
              <text x={x + slot / 2} y={H - 6} textAnchor="middle" className="bar-label">
                {labels[i]}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
}

/** The picture of a summary (as useLiveSummary answers it) and of the recent events. */
export function UrgencyPicture({ events }: { events: readonly FeedEvent[] }) {
  const thresholds = useThresholds();
  const { team } = useTeamFilter();
  const summary = useLiveSummary(thresholds.webhook, team);
  return <UrgencyFigures summary={summary} events={events} team={team} />;
}

const NO_TICKETS: Summary = { size: 0, bins: new Array<number>(BINS).fill(0), urgent: 0, high: null };

export function UrgencyFigures({ summary, events, team = null }: { summary: Summary | null; events: readonly FeedEvent[]; team?: string | null }) {
  const now = useNow(10_000);
  const minutes = useMemo(() => perMinute(events, now), [events, now]);
  const thresholds = useThresholds();
  const { size, bins, urgent, high } = summary ?? NO_TICKETS;
  const total = minutes.reduce((a, b) => a + b, 0);
  const binColor = (i: number) =>
    thresholds.webhook !== null && (i + 1) / BINS > thresholds.webhook ? 'var(--high)' : i / BINS >= thresholds.urgent ? 'var(--urgent)' : 'var(--calm)';

  return (
    <section aria-label="Urgency picture" className="panel panel-picture">
      <h2>Urgency picture</h2>
      <figure>
        <svg role="img" aria-label="Urgency histogram" viewBox={`0 0 ${W} ${H}`} className="chart">
          <Bars counts={[...bins]} labels={bins.map((_, i) => (i % 2 === 0 ? (i / BINS).toFixed(1) : ''))} fill={binColor} />
        </svg>
        <figcaption>
          S of the {size.toLocaleString('en-US')} queued ticket{size === 1 ? '' : 's'}
          {team !== null && <> in {team}</>} (10 bins from 0 to 1): {urgent} urgent
          (S ≥ {formatScore(thresholds.urgent)})
          {thresholds.webhook === null ? ', no webhook configured.' : <>, {high ?? 0} high (S &gt; {formatScore(thresholds.webhook)}).</>}
        </figcaption>
      </figure>
      <figure>
        <svg role="img" aria-label="Tickets processed per minute" viewBox={`0 0 ${W} ${H}`} className="chart">
          <Bars
            counts={minutes}
            labels={minutes.map((_, i) => (i === MINUTES - 1 ? 'now' : i % 3 === 0 ? `-${MINUTES - 1 - i}m` : ''))}
            fill={() => 'var(--accent)'}
          />
        </svg>
        <figcaption>
          Tickets processed per minute, last {MINUTES} minutes: {minutes[MINUTES - 1]} this minute, {(total / MINUTES).toFixed(1)}{' '}
          on average.
        </figcaption>
      </figure>
    </section>
  );
}
