import type { Redis } from 'ioredis';
import { createKeys, type Keys } from '../redis/keys.js';
import { TicketStore, type JobRetention } from '../store/ticket-store.js';
import { QueueReader } from '../store/queue-reader.js';
import { TicketLeases } from '../store/ticket-leases.js';
import { ActivityLog } from '../activity/activity.js';
import { ClaimOwners } from './claim-owners.js';

/** One team queue: its keys (hash tag `{prefix:team}`) and the classes that work on them. */
export interface Team {
  name: string;
  keys: Keys;
  store: TicketStore;
  reader: QueueReader;
  leases: TicketLeases;
  activity: ActivityLog;
}

export interface TeamSetOptions {
  prefix: string;
  /** TEAM_QUEUES, in order. */
  teams: readonly string[];
  activityMaxlen: number;
  retention: JobRetention;
  /** Told of every ticket a pop hands out: the metrics' hook. */
  onPopped?: (team: string) => void;
}

/**
 * A deployment's team queues on one connection (a server or a Cluster client), with the
 * deployment-wide keys (`{prefix}`) and the claim owners index. Picks the teams a
 * caller asks for and finds the team that holds a ticket id.
 */
export class TeamSet {
  readonly names: readonly string[];
  /** The deployment-wide keys: sequence, claim owners, workers, webhook deliveries, live channel. */
  readonly shared: Keys;
  readonly owners: ClaimOwners;
  /** Events that belong to no team (webhook deliveries): the deployment-wide stream. */
  readonly sharedActivity: ActivityLog;
  private readonly byName: ReadonlyMap<string, Team>;

  constructor(
    readonly redis: Redis,
    options: TeamSetOptions,
  ) {
    this.names = [...options.teams];
    this.shared = createKeys(options.prefix);
    this.owners = new ClaimOwners(redis, this.shared);
    this.sharedActivity = new ActivityLog(redis, this.shared, options.activityMaxlen);
    this.byName = new Map(
      this.names.map((name) => {
        const keys = createKeys(options.prefix, name);
        const onPopped = options.onPopped && (() => options.onPopped!(name));
        return [
          name,
          {
            name,
            keys,
            store: new TicketStore(redis, keys, options.activityMaxlen, { retention: options.retention, ...(onPopped ? { onPopped } : {}) }),
            reader: new QueueReader(redis, keys),
            leases: new TicketLeases(redis, keys, options.activityMaxlen),
            activity: new ActivityLog(redis, keys, options.activityMaxlen, name),
          },
        ];
      }),
    );
  }

  get all(): Team[] {
    return [...this.byName.values()];
  }

  team(name: string): Team {
    const team = this.byName.get(name);
    if (!team) throw new Error(`no team queue "${name}" (TEAM_QUEUES: ${this.names.join(', ')})`);
    return team;
  }

  /** The teams asked for (null: every team), in TEAM_QUEUES order. */
  pick(names: readonly string[] | null): Team[] {
    return names === null ? this.all : this.all.filter((t) => names.includes(t.name));
  }

  /**
   * The teams to look for a ticket id in: the one its owner record names first (where
   * it is, unless a process died half-way), then the others.
   */
  async locate(ticketId: string): Promise<Team[]> {
    const owner = await this.owners.teamOf(ticketId);
    const first = owner === null ? undefined : this.byName.get(owner);
    return first ? [first, ...this.all.filter((t) => t !== first)] : this.all;
  }

  /** The first answer that is not null, asking the ticket's teams in `locate` order. */
  async firstFound<T>(ticketId: string, ask: (team: Team) => Promise<T | null>): Promise<{ team: Team; value: T } | null> {
    for (const team of await this.locate(ticketId)) {
      const value = await ask(team);
      if (value !== null) return { team, value };
    }
    return null;
  }
}
