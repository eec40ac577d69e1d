import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * The team queue the agent is looking at (a name of TEAM_QUEUES), or null for every team.
 * Chosen in the queue panel; the urgency picture follows it. Shared here, not in a view,
 * since views do not import each other.
 */
export interface TeamFilter {
  team: string | null;
  setTeam: (team: string | null) => void;
}

const TeamFilterContext = createContext<TeamFilter | null>(null);

export function TeamFilterProvider({ children }: { children: ReactNode }) {
  const [team, setTeam] = useState<string | null>(null);
  const value = useMemo(() => ({ team, setTeam }), [team]);
  return <TeamFilterContext.Provider value={value}>{children}</TeamFilterContext.Provider>;
}

/** The shared team filter; a view rendered without the provider (alone, in a test) keeps its own. */
export function useTeamFilter(): TeamFilter {
  const shared = useContext(TeamFilterContext);
  const [team, setTeam] = useState<string | null>(null);
  return shared ?? { team, setTeam };
}
