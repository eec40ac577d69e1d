import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { DEFAULT_TEAMS, checkTeams, parseTeamList, routeTicket, teamForCategory } from './team.js';

describe('team routing', () => {
  it('defaults to one team per category', () => {
    expect(DEFAULT_TEAMS).toEqual(['billing', 'technical', 'legal', 'general']);
  });

  it("routes by category unless the ticket names its team, and never asks the category then", () => {
    expect(routeTicket({}, () => 'Legal', DEFAULT_TEAMS)).toBe('legal');
    expect(routeTicket({ team: 'billing' }, () => { throw new Error('not asked'); }, DEFAULT_TEAMS)).toBe('billing');
  });

  it('sends a category without a team to general, else to the first team', () => {
    expect(teamForCategory('Legal', ['billing', 'general'])).toBe('general');
    expect(teamForCategory('Legal', ['vip', 'billing'])).toBe('vip');
  });

  it('names the field of an unknown team, by item in a batch', () => {
    const batch = (i: number) => ['body', i, 'team'];
    expect(() => checkTeams([{ team: 'billing' }, {}], DEFAULT_TEAMS, batch)).not.toThrow();
    const error = (() => {
      try {
        checkTeams([{}, { team: 'sales' }], DEFAULT_TEAMS, batch);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.errors.map((e) => e.loc)).toEqual([['body', 1, 'team']]);
  });

  it('parses the teams asked for: null for every team, a de-duplicated list, an error naming the field', () => {
    expect(parseTeamList(undefined, DEFAULT_TEAMS, ['query', 'teams'])).toBeNull();
    expect(parseTeamList('legal, billing,legal', DEFAULT_TEAMS, ['query', 'teams'])).toEqual(['legal', 'billing']);
    expect(parseTeamList(['general'], DEFAULT_TEAMS, ['teams'])).toEqual(['general']);
    expect(() => parseTeamList('legal,sales', DEFAULT_TEAMS, ['query', 'teams'])).toThrow(ValidationError);
    expect(() => parseTeamList([], DEFAULT_TEAMS, ['teams'])).toThrow(ValidationError);
  });
});
