import { categoryLabel, formatAge, formatScore } from '../format';
import { useThresholds } from '../thresholds';

export interface QueueRow {
  ticketId: string;
  subject: string;
  category: string;
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

/** The processed queue, in the order given (pop order). Presentational. */
export function QueueTable({ tickets, now }: { tickets: readonly QueueRow[]; now: number }) {
  return (
    <div className="table-wrap">
      <table className="queue-table">
        <caption className="sr-only">Processed tickets in pop order, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col" className="col-rank">
              #
            </th>
            <th scope="col">Subject</th>
            <th scope="col">Category</th>
            <th scope="col">Urgency</th>
            <th scope="col">Age</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((t, i) => {
            const created = Date.parse(t.createdAt);
            return (
              <tr key={t.ticketId}>
                <td className="col-rank">{i + 1}</td>
                <td className="col-subject">
                  <span className="subject" title={t.subject}>
                    {t.subject}
                  </span>
                  <span className="ticket-id">{t.ticketId}</span>
                </td>
                <td>
                  <CategoryChip category={t.category} />
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
        </tbody>
      </table>
    </div>
  );
}
