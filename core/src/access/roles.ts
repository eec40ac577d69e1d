/**
 * Who may do what. A key carries one or more roles; every protected operation names the
 * action it performs, and an action lists the roles allowed to perform it. Admin may do
 * everything, so an operator never needs a second key.
 */
export const ROLES = ['submit', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = {
  /** POST /tickets, /tickets/batch; submitTicket, submitBatch. */
  'tickets:submit': ['submit', 'admin'],
  /** A submitter follows its own jobs; agents look them up too. */
  'jobs:read': ['submit', 'agent', 'admin'],
  /** Workers, scorer and Redis status (`/health` itself is open). */
  'health:details': ['submit', 'agent', 'admin'],
  /** Scoring a text stores nothing; every role may preview it. */
  'urgency:score': ['submit', 'agent', 'admin'],
  /** The queue, its size, peek, stats, activity and the detailed health report. */
  'queue:read': ['agent', 'admin'],
  /** Taking the most urgent ticket. */
  'queue:pop': ['agent', 'admin'],
  /** Correcting a queued ticket's urgency, which re-ranks it, or removing it (spam, handled elsewhere). */
  'queue:override': ['agent', 'admin'],
  /** Emptying the queue, requeueing, retrying, the job dashboard. */
  'queue:admin': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const allows = (roles: ReadonlySet<Role>, action: Action): boolean =>
  ACTIONS[action].some((role: Role) => roles.has(role));

/** The roles that would allow `action`, for an error message that tells the caller what it needs. */
export const rolesFor = (action: Action): readonly Role[] => ACTIONS[action];
