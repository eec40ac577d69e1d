import { useEffect, useState } from 'react';
import { CATEGORIES, QUEUE_SEARCH_MAX_LENGTH } from '@iq/core/domain';
import { categoryLabel } from '../format';
import { QUEUE_PAGE_SIZE, type CategoryName, type QueueViewState, type SortName } from './use-live-queue';

/** How long typing pauses before the search is asked: one request per word, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

const SORTS: { value: SortName; label: string }[] = [
  { value: 'URGENCY', label: 'Most urgent first' },
  { value: 'OLDEST', label: 'Oldest first' },
  { value: 'NEWEST', label: 'Newest first' },
];

export interface QueueFiltersProps {
  view: QueueViewState;
  onChange: (view: QueueViewState) => void;
  /** The team queues to choose from (TEAM_QUEUES); no team choice while null or a single team. */
  teams?: readonly string[] | null;
  /** The team queue shown, or null for every team. */
  team?: string | null;
  onTeam?: (team: string | null) => void;
}

/** Search, category, team and order of the queue view; any change goes back to the first page. */
export function QueueFilters({ view, onChange, teams = null, team = null, onTeam }: QueueFiltersProps) {
  const [text, setText] = useState(view.search);
  useEffect(() => {
    if (text.trim() === view.search) return;
    const timer = setTimeout(() => onChange({ ...view, search: text.trim(), page: 0 }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, view, onChange]);

  return (
    <div className="queue-filters" role="search" aria-label="Filter the queue">
      <input
        type="search"
        aria-label="Search tickets"
        placeholder="Search id, subject, body, customer…"
        maxLength={QUEUE_SEARCH_MAX_LENGTH}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <select
        aria-label="Category"
        value={view.category ?? ''}
        onChange={(e) => onChange({ ...view, category: (e.target.value || null) as CategoryName | null, page: 0 })}
      >
        <option value="">All categories</option>
        {CATEGORIES.map((c) => (
          <option key={c} value={c.toUpperCase()}>
            {categoryLabel(c)}
          </option>
        ))}
      </select>
      {teams && teams.length > 1 && onTeam && (
        <select aria-label="Team" value={team ?? ''} onChange={(e) => onTeam(e.target.value || null)}>
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      )}
      <select aria-label="Order" value={view.sort} onChange={(e) => onChange({ ...view, sort: e.target.value as SortName, page: 0 })}>
        {SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "51–100 of 1,199" with the previous and next pages. */
export function QueuePager({ view, matching, onChange }: { view: QueueViewState; matching: number; onChange: (view: QueueViewState) => void }) {
  const first = view.page * QUEUE_PAGE_SIZE;
  const last = Math.min(matching, first + QUEUE_PAGE_SIZE);
  if (matching <= QUEUE_PAGE_SIZE && view.page === 0) return null;
  return (
    <nav className="pager" aria-label="Queue pages">
      <button type="button" onClick={() => onChange({ ...view, page: view.page - 1 })} disabled={view.page === 0}>
        Previous
      </button>
      <span>
        {matching === 0 ? 'none' : `${(first + 1).toLocaleString('en-US')}–${last.toLocaleString('en-US')}`} of {matching.toLocaleString('en-US')}
      </span>
      <button type="button" onClick={() => onChange({ ...view, page: view.page + 1 })} disabled={last >= matching}>
        Next
      </button>
    </nav>
  );
}
