import { useRef, useState } from 'react';
import { useMutation, useSubscription } from 'urql';
import { errorText } from '../auth/forbidden';
import { formatScore, useNow } from '../format';
import { graphql, type ResultOf } from '../graphql';
import { CategoryChip, QueueTable, UrgencyBadges } from './QueueTable';
import { QUEUE_LIMIT, type LiveQueue } from './use-live-queue';
import { QueueStatsSubscription } from '../live/queue-stats';

const plural = (n: number) => `${n.toLocaleString('en-US')} ticket${n === 1 ? '' : 's'}`;

/** "1,199 tickets · showing the first 1,000" when the list is cut at QUEUE_LIMIT, else the count. */
function countText(listed: number, size: number | undefined): string {
  if (size !== undefined && listed >= QUEUE_LIMIT && size > listed) return `${plural(size)} · showing the first ${listed.toLocaleString('en-US')}`;
  return plural(listed);
}

export const PopNextMutation = graphql(`
  mutation PopNext {
    popNext { ticketId jobId subject body category urgencyScore customerId channel createdAt }
  }
`);

export const ClearQueueMutation = graphql(`
  mutation ClearQueue {
    clearQueue
  }
`);

type Popped = NonNullable<ResultOf<typeof PopNextMutation>['popNext']>;

export function QueuePanel({ queue }: { queue: LiveQueue }) {
  const now = useNow(5000);
  const [popState, executePop] = useMutation(PopNextMutation);
  const [clearState, executeClear] = useMutation(ClearQueueMutation);
  const [popped, setPopped] = useState<Popped | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const clearButton = useRef<HTMLButtonElement>(null);
  const busy = popState.fetching || clearState.fetching;

  async function popNext() {
    setError('');
    const result = await executePop({});
    if (result.error) return setError(errorText(result.error));
    const ticket = result.data?.popNext ?? null;
    setPopped(ticket);
    setNotice(ticket ? `Popped ${ticket.ticketId}.` : 'Nothing to pop.');
    queue.refresh();
  }

  async function clearQueue() {
    setConfirming(false);
    setError('');
    const result = await executeClear({});
    clearButton.current?.focus();
    if (result.error) return setError(errorText(result.error));
    const cleared = result.data?.clearQueue ?? 0;
    setNotice(`Cleared ${cleared} ticket${cleared === 1 ? '' : 's'}.`);
    queue.refresh();
  }

  const cancel = () => {
    setConfirming(false);
    clearButton.current?.focus();
  };

  const tickets = queue.tickets;
  // The exact size comes with the queue stats (the header's); the list holds at most QUEUE_LIMIT.
  const [stats] = useSubscription({ query: QueueStatsSubscription });
  const size = stats.data?.queueStats.size;
  return (
    <section aria-label="Queue" className="panel panel-queue">
      <div className="panel-head">
        <h2>Queue</h2>
        <span className="count">{tickets ? countText(tickets.length, size) : ''}</span>
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => void popNext()} disabled={busy}>
            Pop next
          </button>
          <button
            type="button"
            ref={clearButton}
            className="danger"
            onClick={() => setConfirming(true)}
            disabled={busy || confirming}
            aria-expanded={confirming}
          >
            Clear queue
          </button>
        </div>
      </div>

      {confirming && (
        <div
          className="confirm"
          role="group"
          aria-label="Confirm clearing the queue"
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancel();
          }}
        >
          <p>Remove every processed ticket from the queue? Jobs still waiting are not cancelled.</p>
          <button type="button" className="danger" onClick={() => void clearQueue()}>
            Confirm clear
          </button>
          <button type="button" onClick={cancel} autoFocus>
            Cancel
          </button>
        </div>
      )}

      {/* A pop is shown by the card below; screen readers still hear it. */}
      <p className={popped && notice.startsWith('Popped') ? 'sr-only' : 'notice'} role="status">
        {notice}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}

      {popped && (
        <article aria-label="Popped ticket" className="popped">
          <div className="popped-head">
            <h3>Popped: {popped.subject}</h3>
            <button type="button" className="link-button" onClick={() => setPopped(null)}>
              Dismiss
            </button>
          </div>
          <p className="popped-meta">
            <code>{popped.ticketId}</code> · <CategoryChip category={popped.category} /> · S{' '}
            {formatScore(popped.urgencyScore)} <UrgencyBadges score={popped.urgencyScore} />
            {popped.customerId && <> · customer {popped.customerId}</>}
            {popped.channel && <> · via {popped.channel}</>}
          </p>
          <p className="popped-body">{popped.body}</p>
        </article>
      )}

      {queue.error && !tickets && (
        <p role="alert" className="form-error">
          Could not load the queue: {queue.error}
        </p>
      )}
      {tickets === null ? (
        <p className="muted">Loading queue…</p>
      ) : tickets.length === 0 ? (
        <p className="empty">Queue is empty</p>
      ) : (
        <QueueTable tickets={tickets} now={now} />
      )}
    </section>
  );
}
