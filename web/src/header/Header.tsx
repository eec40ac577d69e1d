import { useQuery, useSubscription } from 'urql';
import { ForgetKeyButton } from '../auth/ForgetKeyButton';
import { graphql, type ResultOf } from '../graphql';
import { useConnection } from '../live/live-context';
import { useLastAnswer, useOnReconnect } from '../live/live-query';
import { QueueStatsSubscription } from '../live/queue-stats';

export const HealthQuery = graphql(`
  query Health {
    health {
      status
      scorer { kind model reason }
    }
  }
`);


type Scorer = ResultOf<typeof HealthQuery>['health']['scorer'];

/** "transformer", "lexicon", or "lexicon fallback" when the transformer could not load. */
export function scorerText(scorer: Scorer): { kind: string; detail: string } {
  const kind = scorer.reason.startsWith('fallback') ? `${scorer.kind} fallback` : scorer.kind;
  return { kind, detail: `${scorer.model} · ${scorer.reason}` };
}

export function Header() {
  const { state } = useConnection();
  const [health, refetchHealth] = useQuery({ query: HealthQuery, requestPolicy: 'network-only' });
  // The API may have restarted with another scorer.
  useOnReconnect(refetchHealth);
  const scorer = useLastAnswer(health.data?.health.scorer);
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
