import { parseTeamList } from '@iq/core/domain';
import type { Services } from '../services.js';

/** One configured team or none (every team); an unknown name is BAD_USER_INPUT naming the argument. */
export const oneTeam = (team: string | null | undefined, services: Services, field: string) => parseTeamList(team, services.teams.names, [field])?.[0];

/** `teams: [String!]`: the teams to take from; every team when absent. */
export const TEAMS_ARG = { description: 'The team queues to take from (TEAM_QUEUES); every team when absent.' };

export const askedTeams = (teams: readonly string[] | null | undefined, services: Services) => parseTeamList(teams, services.teams.names, ['teams']);
