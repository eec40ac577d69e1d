import { useEffect } from 'react';
import type { ActivityType } from '@iq/core/domain';
import { useQuery, useSubscription } from 'urql';
import { ForgetKeyButton } from '../auth/ForgetKeyButton';
import { graphql, type ResultOf } from '../graphql';
import { eventTeam } from '../live/event-list';
import { isActivityType } from '../live/feed-event';
import { useConnection, useLive } from '../live/live-context';
import { useLastAnswer, useLiveRefetch } from '../live/live-query';
import { QueueStatsSubscription } from '../live/queue-stats';

export const HealthQuery = graphql(`
  query Health {
    health {
      status
      scorer { kind model reason }
      unservedTeams
    }
  }
`);

/** Health is asked for on load and after a reconnect, not on any event type by itself. */
const NO_EVENTS: ReadonlySet<ActivityType> = new Set();
/** Emitted by a worker: one from a team said to be unserved means a worker took its jobs since. */
const WORKED_ON: ReadonlySet<ActivityType> = new Set<ActivityType>(['ticket_processed']);
const NONE: readonly string[] = [];


type Scorer = ResultOf<typeof HealthQuery>['health']['scorer'];

/** "transformer", "lexicon", or "lexicon fallback" when the transformer could not load. */
export function scorerText(scorer: Scorer): { kind: string; detail: string } {
  const kind = scorer.reason.startsWith('fallback') ? `${scorer.kind} fallback` : scorer.kind;
  return { kind, detail: `${scorer.model} · ${scorer.reason}` };
}

export function Header() {
  const { state } = useConnection();
  const [health, refetchHealth] = useQuery({ query: HealthQuery, requestPolicy: 'network-only' });
  // The API may have restarted with another scorer (asked again after every reconnect).
  const refreshHealth = useLiveRefetch(health, refetchHealth, NO_EVENTS);
  const scorer = useLastAnswer(health.data?.health.scorer);
  // Team queues no live worker takes jobs from. Without the health:details scope (or from
  // an API without teams) there is no answer, and no warning.
  const unserved = useLastAnswer(health.data?.health.unservedTeams) ?? NONE;
  const { activity } = useLive();
  useEffect(() => {
    if (unserved.length === 0) return;
    // Worker heartbeats are not events: the warning is checked again when one of its teams'
    // tickets is worked on (so it goes once a worker serves them), spaced as any live query.
    return activity.onAdded((added) => {
      const served = added.some((e) => isActivityType(e.type) && WORKED_ON.has(e.type) && unserved.includes(eventTeam(e.id) ?? ''));
      if (served) refreshHealth();
    });
  }, [activity, unserved, refreshHealth]);
  const [stats] = useSubscription({ query: QueueStatsSubscription });

  const s = stats.data?.queueStats;
  const stat = (label: string, value: number | undefined, tone?: string) => (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`} role="group" aria-label={label}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value ?? '–'}</span>
    </div>
  );

  return (
    <header className="app-header">
      <h1>Intelligent Queue</h1>
      <div className="stats">
        {stat('Queue size', s?.size)}
        {stat('Waiting', s?.waiting)}
        {stat('Active', s?.active)}
        {stat('Failed', s?.failed, s && s.failed > 0 ? 'bad' : undefined)}
      </div>
      <div className="header-meta">
        <div className="scorer" role="group" aria-label="Scorer">
          <span className="meta-label">Scorer</span>{' '}
          {scorer ? (
            <>
              <strong className={scorer.reason.startsWith('fallback') ? 'scorer-fallback' : 'scorer-ok'}>
                {scorerText(scorer).kind}
              </strong>{' '}
              <span className="scorer-detail">{scorerText(scorer).detail}</span>
            </>
          ) : health.error ? (
            <span className="scorer-detail">unavailable</span>
          ) : (
            <span className="scorer-detail">…</span>
          )}
        </div>
        {unserved.length > 0 && (
          <div
            className="unserved-teams"
            role="group"
            aria-label="Unserved teams"
            title="No live worker takes these teams' jobs (WORKER_TEAMS): their tickets wait until one does."
          >
            ⚠ No worker for {unserved.join(', ')}
          </div>
        )}
        <div className="feed">
          <span className="meta-label" aria-hidden="true">
            Live feed
          </span>{' '}
          <span role="status" aria-label="Live feed" className={`feed-state feed-${state}`}>
            {state}
          </span>
        </div>
        {/* bull-board, served by the API (admin role): every job, failed ones with their stack. */}
        <a className="jobs-link" href="/admin/queues" target="_blank" rel="noopener">
          Jobs
        </a>
        <ForgetKeyButton />
      </div>
    </header>
  );
}
