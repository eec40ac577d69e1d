import { ACTIVITY_TYPES } from '@iq/core/domain';
import { memo, useMemo, useState } from 'react';
import { formatClock } from '../format';
import { compareIds, eventTime } from '../live/event-list';
import { isActivityType, type FeedEvent } from '../live/feed-event';
import { eventDetail } from './event-detail';

/** How many events the list renders at most (the store keeps more). */
export const SHOWN_MAX = 300;

/**
 * The activity stream, newest first. Pause freezes what is shown (events keep arriving
 * and are counted); Resume shows everything, merged in order.
 */
export function ActivityPanel({ events }: { events: readonly FeedEvent[] }) {
  const [frozen, setFrozen] = useState<readonly FeedEvent[] | null>(null);
  const [filter, setFilter] = useState('all');
  const paused = frozen !== null;
  const source = frozen ?? events;

  const types = useMemo(() => {
    const extra = new Set<string>();
    for (const e of events) if (!isActivityType(e.type)) extra.add(e.type);
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
        {shown.map((event) => (
          <EventItem key={event.id} event={event} />
        ))}
      </ol>
    </section>
  );
}

/** One event; memoised, so a frame of new events renders those alone, not the whole list. */
const EventItem = memo(function EventItem({ event }: { event: FeedEvent }) {
  const ticketId = event.ticketId;
  const detail = eventDetail(event);
  return (
    <li className={`event event-${event.type}`}>
      <time dateTime={event.ts} title={event.ts}>
        {formatClock(eventTime(event))}
      </time>{' '}
      <span className="event-type">{event.type}</span>
      {ticketId !== null && (
        <>
          {' '}
          <code className="event-ticket">{ticketId}</code>
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
});
