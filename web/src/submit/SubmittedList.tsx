import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../graphql';
import { useActivityEvents } from '../live/live-context';
import { indexEvents, statusOf, statusText, type EventIndex, type Submitted } from './submission-status';
import type { Submission } from './submit-request';

export const JobStateQuery = graphql(`
  query JobState($id: ID!) {
    job(id: $id) { id state }
  }
`);

export interface SubmittedItem extends Submitted {
  key: string;
}

const MAX_SUBMITTED = 50;

/** `accepted` on top of the list, which keeps the newest MAX_SUBMITTED. */
export function withAccepted(list: readonly SubmittedItem[], accepted: readonly Submission[]): SubmittedItem[] {
  const added = accepted.map((a, i) => ({
    key: `${a.jobId}#${Date.now()}#${i}`,
    ticketId: a.ticketId,
    jobId: a.jobId,
    duplicate: a.duplicate,
  }));
  return [...added, ...list].slice(0, MAX_SUBMITTED);
}

/** The tickets this page submitted, each following its job's activity events. */
export function SubmittedList({ items }: { items: readonly SubmittedItem[] }) {
  const events = useActivityEvents();
  const index = useMemo(() => indexEvents(events), [events]);
  if (items.length === 0) return null;
  return (
    <>
      <h3>Submitted</h3>
      <ul aria-label="Submitted" className="submitted">
        {items.map((item) => (
          <SubmittedRow key={item.key} item={item} index={index} />
        ))}
      </ul>
    </>
  );
}

function SubmittedRow({ item, index }: { item: SubmittedItem; index: EventIndex }) {
  // A duplicate's job may have finished before this page saw its events: ask once.
  const [job] = useQuery({
    query: JobStateQuery,
    variables: { id: item.jobId },
    requestPolicy: 'network-only',
    pause: !item.duplicate,
  });
  const status = statusOf({ ...item, knownState: job.data?.job?.state }, index);
  return (
    <li>
      <span className="sub-ids">
        <span>
          ticket <code>{item.ticketId}</code>
        </span>{' '}
        <span>
          job <code>{item.jobId}</code>
        </span>
        {item.duplicate && <span className="tag">duplicate</span>}
      </span>{' '}
      <span className={`sub-status status-${status.kind}`}>{statusText(status)}</span>
    </li>
  );
}
