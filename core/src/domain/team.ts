import { z } from 'zod';
import { CATEGORIES, type Category } from './ticket.js';
import { ValidationError } from './errors.js';
import { TEAM_NAME, TEAM_NAME_RULE } from './team-name.js';

/**
 * Team queues: a deployment splits its processed queue (and its BullMQ queue, claims,
 * leases and activity) into one queue per team, each under its own Redis hash tag, so
 * teams spread over the shards of a Redis Cluster and agents pull from their teams.
 */

export { TEAM_NAME, TEAM_NAME_RULE };

export const teamNameSchema = z.string().regex(TEAM_NAME, TEAM_NAME_RULE);

/** The default teams: one per category, named as the category in lowercase. */
export const DEFAULT_TEAMS: readonly string[] = CATEGORIES.map((c) => c.toLowerCase());

/** The team a category routes to by default: its own when configured, else the fallback. */
export function teamForCategory(category: Category, teams: readonly string[]): string {
  const own = category.toLowerCase();
  if (teams.includes(own)) return own;
  // A deployment whose teams are not the categories sends what it has no team for to
  // `general` when it has one, else to its first team: nothing is left unrouted.
  return teams.includes('general') ? 'general' : teams[0]!;
}

/**
 * Where a ticket goes: its explicit `team` when it names one (which must be configured),
 * else the team of its category.
 */
export function routeTicket(ticket: { team?: string }, category: () => Category, teams: readonly string[]): string {
  if (ticket.team !== undefined) return ticket.team;
  return teamForCategory(category(), teams);
}

/** Where the adapter received each ticket's `team`, e.g. `['body', 2, 'team']` (REST) or `['input', 'team']` (GraphQL). */
export type TeamFieldPath = (index: number) => (string | number)[];

/** Checks that every explicit `team` of a batch is a configured one; names the field of each that is not. */
export function checkTeams(tickets: readonly { team?: string }[], teams: readonly string[], fieldOf: TeamFieldPath): void {
  const errors = tickets.flatMap((t, i) =>
    t.team === undefined || teams.includes(t.team) ? [] : [{ type: 'enum', loc: fieldOf(i), msg: `Input should be one of: ${teams.join(', ')}`, input: t.team }],
  );
  if (errors.length > 0) throw new ValidationError(errors);
}

/**
 * Parses a list of teams a caller asks for (`?teams=a,b`, `teams: [...]`): null means
 * every team; an unknown or empty name is a ValidationError naming `field`.
 */
export function parseTeamList(value: string | readonly string[] | undefined | null, teams: readonly string[], field: (string | number)[]): string[] | null {
  if (value === undefined || value === null) return null;
  const names = typeof value === 'string' ? value.split(',').map((t) => t.trim()) : [...value];
  const unknown = names.filter((t) => !teams.includes(t));
  if (names.length === 0 || unknown.length > 0) {
    throw new ValidationError([
      { type: 'enum', loc: field, msg: `Input should be a list of: ${teams.join(', ')}`, input: typeof value === 'string' ? value : [...value] },
    ]);
  }
  return [...new Set(names)];
}
