import { AGENT_MAX_LENGTH } from '@iq/core/domain';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import {
  AckTicketMutation,
  actionFailure,
  ClaimNextMutation,
  ExtendLeaseMutation,
  ReleaseTicketMutation,
  type ClaimAction,
} from './claim-actions';
import { agentToSend, isOwnClaim, LEASE_CHOICES, leaseLabel, useClaimSettings } from './claim-settings';
import { ClaimsList, type ClaimRow, type RowState } from './ClaimsList';
import { useLiveClaims } from './use-live-claims';
import { useTeamFilter } from '../team-filter';

/** A row's state, with the ticket it was about: its failure outlives the row when the claim is gone. */
type KeptRowState = RowState & { ticketId: string };

const DONE: Record<ClaimAction, (ticketId: string, lease: string) => string> = {
  ack: (id) => `Acked ${id}: done.`,
  release: (id) => `Released ${id} back to the queue.`,
  extend: (id, lease) => `Extended ${id}: its lease ends ${lease} from now.`,
};

/**
 * The claimed tickets (who holds each, for how long, how much lease is left) and what an
 * agent does with them: claim the next ticket under a lease, then ack, release or extend.
 * The agent's name and lease choice are remembered in this browser; the agent's own
 * claims come first. The list follows the claim events (no polling).
 */
export function ClaimsPanel() {
  const live = useLiveClaims();
  const settings = useClaimSettings();
  const { agent, leaseSeconds } = settings;
  const formId = useId();
  const [claimState, executeClaim] = useMutation(ClaimNextMutation);
  const [, executeAck] = useMutation(AckTicketMutation);
  const [, executeRelease] = useMutation(ReleaseTicketMutation);
  const [, executeExtend] = useMutation(ExtendLeaseMutation);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const { team } = useTeamFilter();
  const [rows, setRows] = useState<Record<string, KeptRowState>>({});
  const claimButton = useRef<HTMLButtonElement>(null);
  const listArea = useRef<HTMLDivElement>(null);

  const setRow = (claimId: string, state: KeptRowState | null) =>
    setRows((current) => {
      const { [claimId]: _old, ...rest } = current;
      return state ? { ...rest, [claimId]: state } : rest;
    });

  const claims = live.claims;
  const isOwn = (claim: ClaimRow) => isOwnClaim(claim.agent, agent);
  const sorted = useMemo(() => {
    if (!claims) return null;
    const own = (claim: ClaimRow) => isOwnClaim(claim.agent, agent);
    return [...claims.filter(own), ...claims.filter((c) => !own(c))];
  }, [claims, agent]);
  const ownCount = sorted?.filter(isOwn).length ?? 0;

  // Failures of claims no longer listed (an expired claim the reaper put back): shown above the list.
  const listed = new Set(claims?.map((c) => c.claimId));
  const ended = claims ? Object.entries(rows).filter(([claimId, row]) => row.error && !listed.has(claimId)) : [];

  async function claimNext(event: FormEvent) {
    event.preventDefault();
    if (claimState.fetching) return;
    setError('');
    setNotice('');
    // The team the queue panel shows: claim what the agent is looking at.
    const result = await executeClaim({ agent: agentToSend(agent), leaseSeconds, teams: team === null ? null : [team] });
    if (result.error) return setError(`Could not claim: ${actionFailure(result.error).text}`);
    const claim = result.data?.claimNext ?? null;
    if (!claim) return setNotice(team === null ? 'The queue is empty: nothing to claim.' : `Nothing to claim in ${team}.`);
    setNotice(`Claimed ${claim.ticketId}: ${claim.ticket.subject}`);
    live.refresh();
  }

  async function act(claim: ClaimRow, action: ClaimAction) {
    const ref = { ticketId: claim.ticketId, claimId: claim.claimId };
    setRow(claim.claimId, { ticketId: claim.ticketId, pending: action });
    const result =
      action === 'ack'
        ? await executeAck(ref)
        : action === 'release'
          ? await executeRelease(ref)
          : await executeExtend({ ...ref, leaseSeconds });
    if (result.error) {
      const failure = actionFailure(result.error);
      setRow(claim.claimId, { ticketId: claim.ticketId, error: failure.text });
      // The claim is not what the list says: show what it is now.
      if (failure.conflict) live.refresh();
      return;
    }
    setRow(claim.claimId, null);
    setNotice(DONE[action](claim.ticketId, leaseLabel(leaseSeconds)));
    live.refresh();
    if (action !== 'extend') {
      // The row goes away: keep the keyboard where the next claim is made, not on <body>.
      const active = document.activeElement;
      if (!active || active === document.body || listArea.current?.contains(active)) claimButton.current?.focus();
    }
  }

  const count = sorted ? `${sorted.length} claimed${ownCount > 0 ? ` · ${ownCount} by you` : ''}` : '';
  return (
    <section aria-label="Claimed" className="panel panel-claims">
      <div className="panel-head">
        <h2>Claimed</h2>
        <span className="count">{count}</span>
      </div>

      <form className="claim-form" onSubmit={(e) => void claimNext(e)} aria-busy={claimState.fetching}>
        <div className="field">
          <label htmlFor={`${formId}-agent`}>Agent name</label>
          <input
            id={`${formId}-agent`}
            value={agent}
            maxLength={AGENT_MAX_LENGTH}
            autoComplete="nickname"
            placeholder="e.g. ana"
            onChange={(e) => settings.setAgent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-lease`}>Lease</label>
          <select id={`${formId}-lease`} value={leaseSeconds} onChange={(e) => settings.setLeaseSeconds(Number(e.target.value))}>
            {LEASE_CHOICES.map((c) => (
              <option key={c.seconds} value={c.seconds}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" ref={claimButton} aria-disabled={claimState.fetching}>
          Claim next
        </button>
      </form>

      <p className="notice" role="status">
        {notice}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {ended.map(([claimId, row]) => (
        <div key={claimId} className="claim-ended">
          <p role="alert" className="form-error">
            {row.ticketId}: {row.error}
          </p>
          <button type="button" className="link-button" onClick={() => setRow(claimId, null)} aria-label={`Dismiss the message about ${row.ticketId}`}>
            Dismiss
          </button>
        </div>
      ))}

      {live.error && !sorted && (
        <p role="alert" className="form-error">
          Could not load the claimed tickets: {live.error}
        </p>
      )}
      <div ref={listArea}>
        {sorted === null ? (
          <p className="muted">Loading claimed tickets…</p>
        ) : sorted.length === 0 ? (
          <p className="empty">No claimed tickets</p>
        ) : (
          <ClaimsList claims={sorted} isOwn={isOwn} rows={rows} onAction={(c, a) => void act(c, a)} extendLabel={leaseLabel(leaseSeconds)} />
        )}
      </div>
    </section>
  );
}
