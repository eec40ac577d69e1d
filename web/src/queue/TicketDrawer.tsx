import { useState, type FormEvent } from 'react';
import { OVERRIDE_REASON_MAX_LENGTH, QUEUE_CHANGING_EVENTS } from '@iq/core/domain';
import { useMutation, useQuery } from 'urql';
import { errorText } from '../auth/forbidden';
import { formatAge, formatScore, useNow } from '../format';
import { graphql, type ResultOf } from '../graphql';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';
import { CategoryChip, TeamBadge, UrgencyBadges } from './QueueTable';

export const QueuedTicketQuery = graphql(`
  query QueuedTicket($ticketId: ID!) {
    queuedTicket(ticketId: $ticketId) {
      position
      teamPosition
      ticket {
        ticketId
        jobId
        subject
        body
        category
        team
        urgencyScore
        urgencyExplanation
        customerId
        channel
        model
        createdAt
        processedAt
        urgencyOverride { previousScore reason }
      }
    }
  }
`);

export const PopTicketMutation = graphql(`
  mutation PopTicket($ticketId: ID!) {
    popTicket(ticketId: $ticketId) { ticketId jobId subject body category team urgencyScore customerId channel createdAt }
  }
`);
export const RemoveTicketMutation = graphql(`
  mutation RemoveTicket($ticketId: ID!) {
    removeTicket(ticketId: $ticketId) { ticketId }
  }
`);
export const SetUrgencyMutation = graphql(`
  mutation SetUrgency($ticketId: ID!, $urgencyScore: Float!, $reason: String) {
    setUrgency(ticketId: $ticketId, urgencyScore: $urgencyScore, reason: $reason) { ticketId urgencyScore }
  }
`);

export type PoppedTicket = NonNullable<ResultOf<typeof PopTicketMutation>['popTicket']>;

export interface TicketDrawerProps {
  ticketId: string;
  onClose: () => void;
  /** The ticket was popped here: the panel shows it as it shows "Pop next". */
  onPopped: (ticket: PoppedTicket) => void;
  /** The ticket left the queue by this drawer's action. */
  onRemoved: (ticketId: string) => void;
}

/**
 * One queued ticket in full, with its place in line (live: it moves as others arrive
 * and leave), and what an agent may do with it: pop it, remove it, or re-queue it with
 * another S.
 */
export function TicketDrawer({ ticketId, onClose, onPopped, onRemoved }: TicketDrawerProps) {
  const now = useNow(5000);
  const [result, reexecute] = useQuery({ query: QueuedTicketQuery, variables: { ticketId }, requestPolicy: 'network-only' });
  const refresh = useLiveRefetch(result, reexecute, QUEUE_CHANGING_EVENTS);
  const answer = useLastAnswer(result.data);
  const found = answer?.queuedTicket ?? null;
  const [popState, pop] = useMutation(PopTicketMutation);
  const [removeState, remove] = useMutation(RemoveTicketMutation);
  const [setState, setUrgency] = useMutation(SetUrgencyMutation);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const busy = popState.fetching || removeState.fetching || setState.fetching;

  async function popThis() {
    setError('');
    const r = await pop({ ticketId });
    if (r.error) return setError(errorText(r.error));
    if (!r.data?.popTicket) return setError('This ticket is no longer in the queue.');
    onPopped(r.data.popTicket);
  }

  async function removeThis() {
    setConfirmingRemove(false);
    setError('');
    const r = await remove({ ticketId });
    if (r.error) return setError(errorText(r.error));
    if (!r.data?.removeTicket) return setError('This ticket is no longer in the queue.');
    onRemoved(ticketId);
  }

  async function requeue(e: FormEvent) {
    e.preventDefault();
    setError('');
    const s = Number(score);
    if (score.trim() === '' || !Number.isFinite(s) || s < 0 || s > 1) return setError('S must be a number from 0 to 1.');
    const r = await setUrgency({ ticketId, urgencyScore: s, reason: reason.trim() || null });
    if (r.error) return setError(errorText(r.error));
    if (!r.data?.setUrgency) return setError('This ticket is no longer in the queue.');
    setNotice(`Re-queued with S ${formatScore(s)}.`);
    setScore('');
    setReason('');
    refresh();
  }

  const t = found?.ticket;
  const created = t ? Date.parse(t.createdAt) : NaN;
  return (
    <section
      className="ticket-drawer"
      aria-label={`Ticket ${ticketId}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="drawer-head">
        <h3>{t ? t.subject : ticketId}</h3>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {result.error && !answer && <p role="alert" className="form-error">Could not load the ticket: {errorText(result.error)}</p>}
      {!answer && !result.error && <p className="muted">Loading ticket…</p>}
      {answer && !found && <p className="empty">{ticketId} is no longer in the queue.</p>}
      {t && found && (
        <>
          <p className="drawer-position">
            <strong>#{found.position.toLocaleString('en-US')}</strong> in line
            {/* Across every team; within its own, "Pop next" for that team takes #1. */}
            {t.team && <span className="muted"> · #{found.teamPosition.toLocaleString('en-US')} in {t.team}</span>}
          </p>
          <dl className="drawer-facts">
            <dt>Ticket</dt>
            <dd>
              <code>{t.ticketId}</code>
            </dd>
            <dt>Category</dt>
            <dd>
              <CategoryChip category={t.category} />
            </dd>
            <dt>Team</dt>
            <dd>
              <TeamBadge team={t.team} />
            </dd>
            <dt>Urgency</dt>
            <dd>
              S {formatScore(t.urgencyScore)} <UrgencyBadges score={t.urgencyScore} />
              {t.urgencyOverride && (
                <span className="muted">
                  {' '}
                  (was {formatScore(t.urgencyOverride.previousScore)}
                  {t.urgencyOverride.reason ? `: ${t.urgencyOverride.reason}` : ''})
                </span>
              )}
            </dd>
            <dt>Why</dt>
            <dd>{t.urgencyExplanation || '–'}</dd>
            <dt>Customer</dt>
            <dd>{t.customerId ?? '–'}</dd>
            <dt>Channel</dt>
            <dd>{t.channel ?? '–'}</dd>
            <dt>Age</dt>
            <dd>
              <time dateTime={t.createdAt} title={t.createdAt}>
                {Number.isNaN(created) ? '–' : formatAge(now - created)}
              </time>
            </dd>
            <dt>Scored by</dt>
            <dd>{t.model}</dd>
          </dl>
          <p className="drawer-body">{t.body}</p>
          <div className="toolbar">
            <button type="button" className="primary" onClick={() => void popThis()} disabled={busy}>
              Pop this ticket
            </button>
            <button type="button" className="danger" onClick={() => setConfirmingRemove(true)} disabled={busy || confirmingRemove}>
              Remove
            </button>
          </div>
          {confirmingRemove && (
            <div className="confirm" role="group" aria-label="Confirm removing the ticket">
              <p>Remove this ticket from the queue without handling it?</p>
              <button type="button" className="danger" onClick={() => void removeThis()}>
                Confirm remove
              </button>
              <button type="button" onClick={() => setConfirmingRemove(false)} autoFocus>
                Keep it
              </button>
            </div>
          )}
          <form className="requeue" onSubmit={(e) => void requeue(e)} aria-label="Re-queue with another score">
            <label>
              New S
              <input type="number" min={0} max={1} step="any" value={score} onChange={(e) => setScore(e.target.value)} required />
            </label>
            <label>
              Reason
              <input type="text" maxLength={OVERRIDE_REASON_MAX_LENGTH} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit" disabled={busy}>
              Re-queue
            </button>
          </form>
        </>
      )}
      <p className="notice" role="status">
        {notice}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </section>
  );
}
