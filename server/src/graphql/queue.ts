import { PAGE_DEFAULT_LIMIT, QUEUE_SEARCH_MAX_LENGTH, queueViewSchema, type QueueSort } from '@iq/core/domain';
import type { QueuePage, QueuedTicket, QueueStats, QueueSummary } from '@iq/core';
import type { Services } from '../services.js';
import { TEAMS_ARG, askedTeams, oneTeam } from './teams.js';
import { builder } from './builder.js';
import { parseInput } from './input-validation.js';
import { CategoryEnum, TicketRef } from './ticket.js';
import { spend } from './spend.js';

const QueueSortEnum = builder.enumType('QueueSort', {
  description: 'URGENCY: pop order (S, then arrival). OLDEST / NEWEST: by arrival alone.',
  values: { URGENCY: { value: 'urgency' }, OLDEST: { value: 'oldest' }, NEWEST: { value: 'newest' } } as const satisfies Record<
    string,
    { value: QueueSort }
  >,
});

const QueuePageRef = builder.objectRef<QueuePage>('QueuePage').implement({
  description: 'One page of the queue as asked for.',
  fields: (t) => ({
    size: t.exposeInt('size', { description: 'Every ticket in the queue.' }),
    matching: t.exposeInt('matching', { description: 'The tickets the filter matches (the size without one).' }),
    tickets: t.expose('tickets', { type: [TicketRef] }),
  }),
});

const QueuedTicketRef = builder.objectRef<QueuedTicket & { teamPosition: number }>('QueuedTicket').implement({
  fields: (t) => ({
    ticket: t.expose('ticket', { type: TicketRef }),
    position: t.exposeInt('position', { description: 'Place in line across every team: 1 is what popNext (without teams) takes next.' }),
    teamPosition: t.exposeInt('teamPosition', { description: "Place in its team's queue: 1 is what popNext(teams: [its team]) takes next." }),
  }),
});

const QueueSummaryRef = builder.objectRef<QueueSummary>('QueueSummary').implement({
  description: 'Queued tickets counted by S (to four decimals, as the queue orders them), in Redis.',
  fields: (t) => ({
    size: t.exposeInt('size'),
    bins: t.exposeIntList('bins', { description: 'Tickets per tenth of S: [0, 0.1), [0.1, 0.2), …, [0.9, 1].' }),
    urgent: t.exposeInt('urgent', { description: 'S ≥ 0.5.' }),
    high: t.exposeInt('high', { nullable: true, description: 'S above highAbove; null when it was not given.' }),
  }),
});


const TeamQueueRef = builder.objectRef<QueueStats & { team: string }>('TeamQueue').implement({
  description: 'One team queue: processed tickets waiting to be popped, and its triage jobs.',
  fields: (t) => ({
    team: t.exposeString('team'),
    size: t.exposeInt('size'),
    waiting: t.exposeInt('waiting'),
    active: t.exposeInt('active'),
    failed: t.exposeInt('failed'),
  }),
});

builder.queryFields((t) => {
  const viewArgs = {
    limit: t.arg.int({ defaultValue: PAGE_DEFAULT_LIMIT }),
    offset: t.arg.int({ defaultValue: 0 }),
    category: t.arg({ type: CategoryEnum }),
    search: t.arg.string({
      description: `Found in the ticket id, subject, body or customer id (up to ${QUEUE_SEARCH_MAX_LENGTH} characters; case-insensitive for ASCII letters).`,
    }),
    sort: t.arg({ type: QueueSortEnum, defaultValue: 'urgency' }),
    team: t.arg.string({ description: "One team's queue (TEAM_QUEUES); every team when absent." }),
  };
  const view = (args: Record<string, unknown>, services: Services) => {
    const parsed = parseInput(queueViewSchema, { ...args, category: args.category ?? undefined, search: args.search ?? undefined, team: args.team ?? undefined }, []);
    oneTeam(parsed.team, services, 'team');
    return parsed;
  };
  return {
    queue: t.field({
      authScopes: { 'queue:read': true },
      type: [TicketRef],
      description: 'Processed tickets in pop order (queuePage filters and sorts).',
      args: { limit: viewArgs.limit, offset: viewArgs.offset },
      resolve: async (_root, args, { services }) => (await services.views.list(view(args, services))).tickets,
    }),
    queuePage: t.field({
      authScopes: { 'queue:read': true },
      type: QueuePageRef,
      description:
        'One page of the queue, filtered and sorted, with the size of the queue and how many tickets the filter matches. ' +
        'A filter or an age sort reads the whole queue in Redis (about 10 ms per 10,000 tickets).',
      args: viewArgs,
      resolve: (_root, args, { services }) => services.views.list(view(args, services)),
    }),
    queuedTicket: t.field({
      authScopes: { 'queue:read': true },
      type: QueuedTicketRef,
      nullable: true,
      description: 'A queued ticket with its place in line; null when it is not in the queue.',
      args: { ticketId: t.arg.id({ required: true }) },
      resolve: (_root, args, { services }) => services.tickets.find(String(args.ticketId)),
    }),
    queueSummary: t.field({
      authScopes: { 'queue:read': true },
      type: QueueSummaryRef,
      args: { highAbove: t.arg.float({ description: "Count S above this (e.g. the webhook's threshold)." }), team: viewArgs.team },
      resolve: (_root, args, { services }) => services.views.summary(args.highAbove ?? null, oneTeam(args.team, services, 'team')),
    }),
    queueSize: t.int({
      authScopes: { 'queue:read': true },
      args: { team: viewArgs.team },
      resolve: (_root, args, { services }) => {
        const team = oneTeam(args.team, services, 'team');
        return services.tickets.size(team === undefined ? null : [team]);
      },
    }),
    teamQueues: t.field({
      authScopes: { 'queue:read': true },
      type: [TeamQueueRef],
      description: 'Each team queue (TEAM_QUEUES, in order): tickets waiting to be popped, and its triage jobs.',
      resolve: async (_root, _args, { services }) => (await services.jobs.stats()).teams,
    }),
    peek: t.field({
      type: TicketRef,
      nullable: true,
      authScopes: { 'queue:read': true },
      description: 'The ticket popNext would return (with the same teams), without removing it.',
      args: { teams: t.arg.stringList(TEAMS_ARG) },
      resolve: (_root, args, { services }) => services.tickets.peek(askedTeams(args.teams, services)),
    }),
  };
});

builder.mutationFields((t) => ({
  popNext: t.field({
    authScopes: { 'queue:pop': true },
    type: TicketRef,
    nullable: true,
    description:
      'Removes and returns the most urgent ticket; null when the queue is empty. With `teams`, the most urgent among ' +
      "those teams' heads (S, then the deployment-wide arrival order), as of the comparison; each ticket is handed out once.",
    args: { teams: t.arg.stringList(TEAMS_ARG) },
    resolve: async (_root, args, { services, access }) => {
      await spend(access, 'pop');
      return services.tickets.popNext(askedTeams(args.teams, services));
    },
  }),
  popTicket: t.field({
    authScopes: { 'queue:pop': true },
    type: TicketRef,
    nullable: true,
    description: 'Removes and returns this ticket, wherever it is in line (ticket_popped, picked); null when it is not in the queue.',
    args: { ticketId: t.arg.id({ required: true }) },
    resolve: async (_root, args, { services, access }) => {
      await spend(access, 'pop');
      return services.tickets.take(String(args.ticketId), 'pop');
    },
  }),
  removeTicket: t.field({
    authScopes: { 'queue:override': true },
    type: TicketRef,
    nullable: true,
    description: 'Removes this ticket from the queue without handling it (ticket_removed); null when it is not in the queue.',
    args: { ticketId: t.arg.id({ required: true }) },
    resolve: (_root, args, { services }) => services.tickets.take(String(args.ticketId), 'remove'),
  }),
  clearQueue: t.int({
    authScopes: { 'queue:admin': true },
    description: 'Empties the processed queue; returns how many tickets it held.',
    resolve: (_root, _args, { services }) => services.tickets.clear(),
  }),
}));
