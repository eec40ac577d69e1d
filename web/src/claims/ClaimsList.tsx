import { useState } from 'react';
import { categoryLabel, formatScore } from '../format';
import { useThresholds } from '../thresholds';
import type { ClaimAction } from './claim-actions';
import { heldFor, leaseLeft, SecondClock, useClock } from './claim-clock';

/** A claimed ticket as the list shows it. */
export interface ClaimRow {
  claimId: string;
  ticketId: string;
  agent: string | null;
  claimedAt: string;
  leaseExpiresAt: string;
  ticket: { subject: string; category: string; urgencyScore: number };
}

/** A row's action under way, and the last one's failure. */
export interface RowState {
  pending?: ClaimAction;
  error?: string;
}

interface Props {
  claims: readonly ClaimRow[];
  /** Which claims are the agent's own (highlighted, marked "you"). */
  isOwn: (claim: ClaimRow) => boolean;
  rows: Readonly<Record<string, RowState>>;
  onAction: (claim: ClaimRow, action: ClaimAction) => void;
  /** What Extend renews the lease to, e.g. "15 min". */
  extendLabel: string;
}

function HeldFor({ since, clock }: { since: string; clock: SecondClock }) {
  const now = useClock(clock);
  return (
    <span className="claim-held">
      held{' '}
      <time dateTime={since} title={`Claimed at ${since}`}>
        {heldFor(since, now)}
      </time>
    </span>
  );
}

function LeaseLeft({ until, clock }: { until: string; clock: SecondClock }) {
  const now = useClock(clock);
  const { text, state } = leaseLeft(until, now);
  const time = (
    <time dateTime={until} title={`Lease ends at ${until}`}>
      {text}
    </time>
  );
  return <span className={`lease lease-${state}`}>{state === 'expired' ? <>lease {time}</> : <>{time} left</>}</span>;
}

/**
 * The claimed tickets in the order given: each with its S and category, who holds it,
 * for how long and what is left of its lease (ticking locally, once a second, on one
 * timer for the whole list), and its actions.
 */
export function ClaimsList({ claims, isOwn, rows, onAction, extendLabel }: Props) {
  const [clock] = useState(() => new SecondClock());
  const { urgent } = useThresholds();
  return (
    <ul className="claims" aria-label="Claimed tickets">
      {claims.map((claim) => {
        const { ticket } = claim;
        const own = isOwn(claim);
        const row = rows[claim.claimId] ?? {};
        // aria-disabled rather than disabled while an action is under way: a disabled button drops the focus.
        const busy = row.pending !== undefined;
        const run = (action: ClaimAction) => {
          if (!busy) onAction(claim, action);
        };
        return (
          <li key={claim.claimId} className={`claim${own ? ' claim-own' : ''}`} aria-busy={busy || undefined}>
            <div className="claim-main">
              <span className="subject" title={ticket.subject}>
                {ticket.subject}
              </span>
              <span className="claim-score">
                <span className="score" title="Urgency S">
                  S {formatScore(ticket.urgencyScore)}
                </span>
                {ticket.urgencyScore >= urgent && <span className="badge badge-urgent">Urgent</span>}
              </span>
              <span className={`chip chip-${ticket.category.toLowerCase()}`}>{categoryLabel(ticket.category)}</span>
            </div>
            <div className="claim-meta">
              <span className="ticket-id">{claim.ticketId}</span>
              <span className="claim-agent">
                by {claim.agent ?? <span className="muted">unnamed</span>}
                {own && <span className="tag tag-own">you</span>}
              </span>
              <HeldFor since={claim.claimedAt} clock={clock} />
              <LeaseLeft until={claim.leaseExpiresAt} clock={clock} />
            </div>
            <div className="row-actions">
              <button
                type="button"
                className="primary"
                aria-label={`Ack ${claim.ticketId}`}
                title="Done: remove the ticket for good"
                aria-disabled={busy}
                onClick={() => run('ack')}
              >
                Ack
              </button>
              <button
                type="button"
                aria-label={`Release ${claim.ticketId}`}
                title="Put the ticket back in the queue at its place"
                aria-disabled={busy}
                onClick={() => run('release')}
              >
                Release
              </button>
              <button
                type="button"
                aria-label={`Extend ${claim.ticketId}`}
                title={`Lease ends ${extendLabel} from now`}
                aria-disabled={busy}
                onClick={() => run('extend')}
              >
                Extend
              </button>
            </div>
            {row.error && (
              <p role="alert" className="row-error">
                {row.error}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
