import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useSubscription } from 'urql';
import { errorText } from '../auth/forbidden';
import { formatScore, useNow } from '../format';
import { graphql } from '../graphql';
import { CategoryChip, QueueTable, TeamBadge, UrgencyBadges } from './QueueTable';
import { QueueFilters, QueuePager } from './QueueFilters';
import { TicketDrawer, type PoppedTicket } from './TicketDrawer';
import { DEFAULT_VIEW, QUEUE_PAGE_SIZE, useLiveQueue, type QueueViewState } from './use-live-queue';
import { QueueStatsSubscription } from '../live/queue-stats';
import { useTeamFilter } from '../team-filter';
import { useTeamQueues, type TeamQueue } from './use-team-queues';

const plural = (n: number) => `${n.toLocaleString('en-US')} ticket${n === 1 ? '' : 's'}`;

/**
 * "1,199 tickets", or "12 of 1,199 tickets match" under a filter; with a team, its queue:
 * "40 tickets in billing", "3 of 40 tickets in billing match".
 */
function countText(size: number, matching: number, filtered: boolean, team: string | null): string {
  const of = team === null ? plural(size) : `${plural(size)} in ${team}`;
  return filtered ? `${matching.toLocaleString('en-US')} of ${of} match` : of;
}

export const PopNextMutation = graphql(`
  mutation PopNext($teams: [String!]) {
    popNext(teams: $teams) { ticketId jobId subject body category team urgencyScore customerId channel createdAt }
  }
`);

/** Each team queue's size, as chips that choose (or, chosen, drop) that team. */
function TeamCounts({ teams, team, onTeam }: { teams: readonly TeamQueue[]; team: string | null; onTeam: (team: string | null) => void }) {
  return (
    <ul className="team-counts" aria-label="Tickets per team">
      {teams.map((t) => (
        <li key={t.team}>
          <button
            type="button"
            className="team-chip"
            aria-pressed={team === t.team}
            title={`${t.team}: ${plural(t.size)} queued · jobs: ${t.waiting} waiting, ${t.active} active, ${t.failed} failed`}
            onClick={() => onTeam(team === t.team ? null : t.team)}
          >
            {t.team} <span className="team-chip-count">{t.size.toLocaleString('en-US')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export const ClearQueueMutation = graphql(`
  mutation ClearQueue {
    clearQueue
  }
`);

export function QueuePanel() {
  const now = useNow(5000);
  const [view, setView] = useState<QueueViewState>(DEFAULT_VIEW);
  const { team, setTeam } = useTeamFilter();
  const teamQueues = useTeamQueues();
  const teamNames = useMemo(() => teamQueues?.map((t) => t.team) ?? null, [teamQueues]);
  const queue = useLiveQueue(view, team);
  const [popState, executePop] = useMutation(PopNextMutation);
  const [clearState, executeClear] = useMutation(ClearQueueMutation);
  const [popped, setPopped] = useState<PoppedTicket | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const clearButton = useRef<HTMLButtonElement>(null);
  const busy = popState.fetching || clearState.fetching;
  const { refresh } = queue;

  // A team the API no longer has (TEAM_QUEUES changed, then a reconnect) is dropped: its page would be refused.
  useEffect(() => {
    if (team !== null && teamNames !== null && !teamNames.includes(team)) setTeam(null);
  }, [team, teamNames, setTeam]);

  const chooseTeam = useCallback(
    (next: string | null) => {
      setTeam(next);
      setView((v) => ({ ...v, page: 0 }));
    },
    [setTeam],
  );

  async function popNext() {
    setError('');
    // With a team chosen, its most urgent ticket; else the most urgent of all.
    const from = team;
    const result = await executePop({ teams: from === null ? null : [from] });
    if (result.error) return setError(errorText(result.error));
    const ticket = result.data?.popNext ?? null;
    setPopped(ticket);
    setNotice(ticket ? `Popped ${ticket.ticketId}.` : from === null ? 'Nothing to pop.' : `Nothing to pop in ${from}.`);
    refresh();
  }

  async function clearQueue() {
    setConfirming(false);
    setError('');
    const result = await executeClear({});
    clearButton.current?.focus();
    if (result.error) return setError(errorText(result.error));
    const cleared = result.data?.clearQueue ?? 0;
    setNotice(`Cleared ${cleared} ticket${cleared === 1 ? '' : 's'}.`);
    refresh();
  }

  const poppedHere = useCallback(
    (ticket: PoppedTicket) => {
      setSelected(null);
      setPopped(ticket);
      setNotice(`Popped ${ticket.ticketId}.`);
      refresh();
    },
    [refresh],
  );
  const removedHere = useCallback(
    (ticketId: string) => {
      setSelected(null);
      setNotice(`Removed ${ticketId}.`);
      refresh();
    },
    [refresh],
  );

  const cancel = () => {
    setConfirming(false);
    clearButton.current?.focus();
  };

  const page = queue.page;
  // The header's stats are pushed at once; the page's own size comes with its (spaced) refetch.
  const [stats] = useSubscription({ query: QueueStatsSubscription });
  // With a team chosen, its own queue's size comes with the page.
  const size = team === null ? (stats.data?.queueStats.size ?? page?.size) : page?.size;
  const filtered = view.category !== null || view.search !== '';
  // Tickets left while the agent was on a later page: go to the last page that has some.
  const lastPage = page ? Math.max(0, Math.ceil(page.matching / QUEUE_PAGE_SIZE) - 1) : 0;
  if (page && view.page > lastPage) setView({ ...view, page: lastPage });

  return (
    <section aria-label="Queue" className="panel panel-queue">
      <div className="panel-head">
        <h2>Queue</h2>
        <span className="count">{page && size !== undefined ? countText(filtered ? page.size : size, page.matching, filtered, team) : ''}</span>
        {teamQueues && teamQueues.length > 1 && <TeamCounts teams={teamQueues} team={team} onTeam={chooseTeam} />}
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            onClick={() => void popNext()}
            disabled={busy}
            title={team === null ? 'Pop the most urgent ticket of every team' : `Pop the most urgent ticket of ${team}`}
          >
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
      <QueueFilters view={view} onChange={setView} teams={teamNames} team={team} onTeam={chooseTeam} />

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
            <code>{popped.ticketId}</code> · <CategoryChip category={popped.category} />
            {popped.team && (
              <>
                {' '}
                · <TeamBadge team={popped.team} />
              </>
            )}{' '}
            · S{' '}
            {formatScore(popped.urgencyScore)} <UrgencyBadges score={popped.urgencyScore} />
            {popped.customerId && <> · customer {popped.customerId}</>}
            {popped.channel && <> · via {popped.channel}</>}
          </p>
          <p className="popped-body">{popped.body}</p>
        </article>
      )}

      {selected && <TicketDrawer key={selected} ticketId={selected} onClose={() => setSelected(null)} onPopped={poppedHere} onRemoved={removedHere} />}

      {queue.error && !page && (
        <p role="alert" className="form-error">
          Could not load the queue: {queue.error}
        </p>
      )}
      {page === null ? (
        <p className="muted">Loading queue…</p>
      ) : page.tickets.length === 0 ? (
        <p className="empty">{filtered ? 'No ticket matches' : team === null ? 'Queue is empty' : `The ${team} queue is empty`}</p>
      ) : (
        <QueueTable tickets={page.tickets} now={now} firstRank={view.page * QUEUE_PAGE_SIZE + 1} onSelect={setSelected} selected={selected} />
      )}
      {page && <QueuePager view={view} matching={page.matching} onChange={setView} />}
    </section>
  );
}
