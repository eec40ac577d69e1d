/** A team's name: it becomes part of Redis keys and of event ids (after a '-'), so it stays plain. */
export const TEAM_NAME = /^[a-z0-9_-]{1,32}$/;
export const TEAM_NAME_RULE = 'lowercase letters, digits, _ and - only, 1 to 32 characters';
