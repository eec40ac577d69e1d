import { useMemo, useState } from 'react';
import { categoryLabel, formatClock, formatScore } from '../format';
import { ACTIVITY_TYPES, compareIds, dataField, eventTime, type ActivityEvent } from './events';

/** How many events the list renders at most (the store keeps more). */
export const SHOWN_MAX = 300;

/** A short, plain-text description of an event's data. */
export function eventDetail(event: ActivityEvent): string {
  const parts: string[] = [];
  const score = dataField(event, 'urgency_score');
  if (typeof score === 'number') parts.push(`S ${formatScore(score)}`);
  const oldScore = dataField(event, 'old_score');
  const newScore = dataField(event, 'new_score');
  if (typeof oldScore === 'number' && typeof newScore === 'number') parts.push(`S ${formatScore(oldScore)} → ${formatScore(newScore)}`);
  const category = dataField(event, 'category');
  if (typeof category === 'string') parts.push(categoryLabel(category));
  const cleared = dataField(event, 'cleared');
  if (cleared !== undefined) parts.push(`cleared ${cleared}`);
  const status = dataField(event, 'status');
  if (status !== undefined) parts.push(`HTTP ${status}`);
  const error = dataField(event, 'error');
  if (error !== undefined) parts.push(String(error));
  const reason = dataField(event, 'reason');
  if (typeof reason === 'string') parts.push(reason);
  return parts.join(' · ');
}

/**
 * The activity stream, newest first. Pause freezes what is shown (events keep arriving
 * and are counted); Resume shows everything, merged in order.
 */
export function ActivityPanel({ events }: { events: readonly ActivityEvent[] }) {
  const [frozen, setFrozen] = useState<readonly ActivityEvent[] | null>(null);
  const [filter, setFilter] = useState('all');
  const paused = frozen !== null;
  const source = frozen ?? events;

  const types = useMemo(() => {
    const extra = new Set<string>();
    for (const e of events) if (!(ACTIVITY_TYPES as readonly string[]).includes(e.type)) extra.add(e.type);
    return [...ACTIVITY_TYPES, ...[...extra].sort()];
  }, [events]);

  const matching = useMemo(() => (filter === 'all' ? source : source.filter((e) => e.type === filter)), [source, filter]);
  const shown = matching.slice(0, SHOWN_MAX);

  const newest = frozen?.[0]?.id;
  const arrived = paused
    ? events.filter((e) => (newest === undefined ? true : compareIds(e.id, newest) > 0)).length
    : 0;

  return (
    <section aria-label="Activity" className="panel panel-activity">
      <div className="panel-head">
        <h2>Activity</h2>
        <div className="toolbar">
          <select aria-label="Filter by type" value={filter} onChange={(e) => setFilter(e.target.value)}>
            <option value="all">All</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => setFrozen(paused ? null : events)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      </div>
      <p className="muted activity-summary" aria-live="polite">
        {paused
          ? `Paused — ${arrived} new event${arrived === 1 ? '' : 's'} since.`
          : matching.length > SHOWN_MAX
            ? `Showing the newest ${SHOWN_MAX} of ${matching.length}.`
            : ''}
      </p>
      {shown.length === 0 ? (
        <p className="empty">{source.length === 0 ? 'No activity yet' : 'No events of this type'}</p>
      ) : null}
      <ol aria-label="Activity events" className="activity-list">
        {shown.map((event) => {
          const ticketId = event.ticketId ?? dataField(event, 'ticket_id');
          const detail = eventDetail(event);
          return (
            <li key={event.id} className={`event event-${event.type}`}>
              <time dateTime={event.ts} title={event.ts}>
                {formatClock(eventTime(event))}
              </time>{' '}
              <span className="event-type">{event.type}</span>
              {ticketId !== undefined && ticketId !== null && (
                <>
                  {' '}
                  <code className="event-ticket">{String(ticketId)}</code>
                </>
              )}
              {detail && (
                <>
                  {' '}
                  <span className="event-detail">{detail}</span>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
