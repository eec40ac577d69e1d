import { memo, useRef } from 'react';
import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { categoryLabel, formatAge, formatScore } from '../format';
import { useThresholds } from '../thresholds';

export interface QueueRow {
  ticketId: string;
  subject: string;
  category: string;
  /** The team queue it waits in; absent from an API without team queues. */
  team?: string;
  urgencyScore: number;
  /** Why S is what it is ("outage +1.9 · tone 0.31 +0.2"); empty for tickets scored without cues. */
  urgencyExplanation?: string;
  createdAt: string;
}

/** The scorer's reasons, on hover (title) and on expand (details), so an agent can see why a ticket ranks where it does. */
export function UrgencyWhy({ explanation }: { explanation?: string }) {
  if (!explanation) return null;
  return (
    <details className="urgency-why">
      <summary title={explanation}>Why?</summary>
      <p>{explanation}</p>
    </details>
  );
}

export function CategoryChip({ category }: { category: string }) {
  return <span className={`chip chip-${category.toLowerCase()}`}>{categoryLabel(category)}</span>;
}

/** The team queue a ticket waits in. */
export function TeamBadge({ team }: { team: string }) {
  return (
    <span className="team-badge" title={`Team queue: ${team}`}>
      {team}
    </span>
  );
}

export function UrgencyBadges({ score }: { score: number }) {
  const { urgent, webhook } = useThresholds();
  return (
    <>
      {score >= urgent && <span className="badge badge-urgent">Urgent</span>}
      {webhook !== null && score > webhook && <span className="badge badge-high">High (webhook)</span>}
    </>
  );
}

export function UrgencyMeter({ score }: { score: number }) {
  const { urgent, webhook } = useThresholds();
  const level = webhook !== null && score > webhook ? 'high' : score >= urgent ? 'urgent' : 'calm';
  return (
    <span
      className={`meter meter-${level}`}
      role="meter"
      aria-label="Urgency S"
      aria-valuenow={score}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuetext={formatScore(score)}
    >
      <span className="meter-fill" style={{ width: `${Math.max(0, Math.min(1, score)) * 100}%` }} />
    </span>
  );
}

/** A row's height before it is measured (rows with an open "Why?" grow, and are measured). */
const ROW_ESTIMATE_PX = 58;
const SCREENFUL = { width: 1000, height: 900 };

export interface QueueTableProps {
  tickets: readonly QueueRow[];
  now: number;
  /** The row number of the first ticket (the page's offset + 1). */
  firstRank?: number;
  /** Opens a ticket's details. */
  onSelect?: (ticketId: string) => void;
  /** The ticket whose details are open. */
  selected?: string | null;
}

/**
 * One page of the processed queue, in the order given. Presentational and virtualised:
 * only the rows in view (and a few around them) are in the DOM, so a queue of a thousand
 * tickets renders as fast as one of twenty; memoised, so live events that do not change
 * the tickets do not render it again.
 */
export const QueueTable = memo(function QueueTable({ tickets, now, firstRank = 1, onSelect, selected = null }: QueueTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The compiler cannot memoise TanStack Virtual's API; this component is memo()ised by hand.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (i) => tickets[i]!.ticketId,
    overscan: 8,
    // Before layout, and where there is none (a hidden panel, tests), a screenful.
    initialRect: SCREENFUL,
    observeElementRect: (instance, report) => observeElementRect(instance, (rect) => report(rect.height > 0 ? rect : SCREENFUL)),
    // A row without layout measures 0; it is taken at the estimate, not as room for more.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ROW_ESTIMATE_PX,
  });
  const items = rows.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = rows.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div className="table-wrap" ref={scroller}>
      <table className="queue-table" aria-rowcount={tickets.length + 1}>
        <caption className="sr-only">Processed tickets; choose a subject for its details and actions</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="col-rank">
              #
            </th>
            <th scope="col">Subject</th>
            {/* The team is shown under the category: a column of its own would push Age out of a 1280 px window. */}
            <th scope="col">Category</th>
            <th scope="col">Urgency</th>
            <th scope="col">Age</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && <tr aria-hidden="true" className="spacer" style={{ height: before }} />}
          {items.map((item) => {
            const t = tickets[item.index]!;
            const created = Date.parse(t.createdAt);
            return (
              <tr
                key={item.key}
                data-index={item.index}
                ref={rows.measureElement}
                aria-rowindex={item.index + 2}
                aria-selected={selected === t.ticketId || undefined}
              >
                <td className="col-rank">{firstRank + item.index}</td>
                <td className="col-subject">
                  {onSelect ? (
                    <button type="button" className="subject link-button" title={t.subject} onClick={() => onSelect(t.ticketId)}>
                      {t.subject}
                    </button>
                  ) : (
                    <span className="subject" title={t.subject}>
                      {t.subject}
                    </span>
                  )}
                  <span className="ticket-id">{t.ticketId}</span>
                </td>
                <td className="col-category">
                  <CategoryChip category={t.category} />
                  {t.team && (
                    <>
                      <span className="sr-only">Team </span>
                      <TeamBadge team={t.team} />
                    </>
                  )}
                </td>
                <td className="col-urgency">
                  <div className="urgency-cell">
                    <span className="score" title={t.urgencyExplanation || undefined}>
                      {formatScore(t.urgencyScore)}
                    </span>
                    <UrgencyMeter score={t.urgencyScore} />
                    <UrgencyBadges score={t.urgencyScore} />
                  </div>
                  <UrgencyWhy explanation={t.urgencyExplanation} />
                </td>
                <td className="col-age">
                  <time dateTime={t.createdAt} title={t.createdAt}>
                    {Number.isNaN(created) ? '–' : formatAge(now - created)}
                  </time>
                </td>
              </tr>
            );
          })}
          {after > 0 && <tr aria-hidden="true" className="spacer" style={{ height: after }} />}
        </tbody>
      </table>
    </div>
  );
});
