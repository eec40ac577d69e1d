/**
 * Every Redis key and channel of one deployment's team queue, built from `QUEUE_PREFIX`
 * and the team's name.
 *
 * A team's own keys (its BullMQ queue, processed queue, claims, leases, escalations and
 * activity stream) share the hash tag `{prefix:team}`: on Redis Cluster they live in one
 * slot, so the Lua scripts (which touch several of them) stay legal, and different teams
 * live in different slots, so they spread over the shards. The deployment-wide keys
 * (arrival sequence, claim owners, workers, webhook deliveries, rate limits, the live
 * channel) share `{prefix}`; no script mixes the two. Without a team, every key is
 * under `{prefix}`: the deployment-wide side, whose webhook queue and activity stream
 * carry what belongs to no team.
 */
export interface Keys {
  /** BullMQ's own prefix: its keys become `{prefix}:bull:<queue>:...`. */
  readonly bullPrefix: string;
  /**
   * The processed queue's order: sorted set of processed ticket ids, scored by S then
   * arrival (Redis key `…:processed`).
   */
  readonly processedIndex: string;
  /**
   * The processed queue's content: hash ticket_id → processed ticket JSON. Its Redis key
   * stays `…:tickets`, the name deployed data already has.
   */
  readonly processedTickets: string;
  /**
   * Hash ticket_id → the labelled training example of an agent's urgency correction
   * (JSON). Kept after the pop, which deletes the ticket itself.
   */
  readonly overrides: string;
  /** Hash ticket_id → job_id of the live submission (waiting, processing or queued). */
  readonly claims: string;
  /**
   * Hash ticket_id → the highest seq of a submission routed to another team that found
   * no claim here: a claim of this team with a lower seq is refused (claim-tickets-8.lua).
   */
  readonly claimFences: string;
  /**
   * Hash job_id → the accepted content of a claim not yet processed: what the worker
   * processes, whatever later submissions of the same id say.
   */
  readonly payloads: string;
  /** Sorted set job_id → when it was claimed, or when to look at it again (ms): the reconciler's list. */
  readonly pending: string;
  /**
   * Hash job_id → the accepted content of a job that failed for good, kept so that a
   * retry can claim its ticket id again; trimmed like BullMQ trims failed jobs.
   */
  readonly failedPayloads: string;
  /** Sorted set job_id → when its content was kept (ms): the order `failedPayloads` is trimmed in. */
  readonly failedKept: string;
  /** Hash ticket_id → the job whose content is kept for it: a new submission of the id drops that content. */
  readonly failedByTicket: string;
  /** Sorted set ticket_id → lease deadline (ms) of the tickets agents hold (leased claims). */
  readonly claimed: string;
  /** Hash ticket_id → the lease JSON of a claimed ticket (claim id, agent, since, expiry, queue score). */
  readonly leases: string;
  /**
   * Sorted set `<outcome>:<claim_id>:<ticket_id>` → when the claim ended (ms): how recent
   * claims ended, so a late ack is told "acked", "released" or "expired" rather than "wrong".
   */
  readonly endedClaims: string;
  /** The webhook delivery log: list of the last delivery ids (newest first), capped. */
  readonly deliveries: string;
  /** Hash delivery_id → the delivery log entry JSON. */
  readonly deliveryEntries: string;
  /** Sorted set ticket_id → when an urgent ticket is due for escalation (ms), if nobody took it. */
  readonly escalations: string;
  /**
   * Prefix of the per-job delivery state keys (`<prefix><job_id>:<kind>`): marks a try in
   * flight, so a try whose worker died is not sent again.
   */
  readonly alerted: string;
  /**
   * Counter, deployment-wide: the global arrival sequence, also the unique part of every
   * job id. Queue scores of different teams compare because they share it.
   */
  readonly seq: string;
  /**
   * Hash ticket_id → `<team>|<seq>`, deployment-wide: which team's claim a ticket id was
   * last given to, so a resubmission routed to another team is still a duplicate (see
   * teams/claim-owners.ts).
   */
  readonly claimOwners: string;
  /** String, deployment-wide: held (SET NX PX) by the one worker moving the single queue's data into the team queues. */
  readonly migrationLock: string;
  /** Capped stream of activity events. */
  readonly activity: string;
  /** Pub/sub channel carrying the same activity events. */
  readonly activityChannel: string;
  /** Sorted set worker_id → last heartbeat (ms). */
  readonly workers: string;
  /** Hash worker_id → worker description JSON. */
  readonly workerInfo: string;
  /** Prefix of the API's rate-limit counters (`<prefix><budget>:<client>`), shared by every API instance. */
  readonly rateLimit: string;
}

export function createKeys(prefix: string, team?: string): Keys {
  const shared = `{${prefix}}`;
  const tag = team === undefined ? shared : `{${prefix}:${team}}`;
  return {
    bullPrefix: `${tag}:bull`,
    processedIndex: `${tag}:processed`,
    processedTickets: `${tag}:tickets`,
    overrides: `${tag}:overrides`,
    claims: `${tag}:claims`,
    claimFences: `${tag}:claims:fences`,
    payloads: `${tag}:payloads`,
    pending: `${tag}:pending`,
    failedPayloads: `${tag}:failed:payloads`,
    failedKept: `${tag}:failed:kept`,
    failedByTicket: `${tag}:failed:by-ticket`,
    claimed: `${tag}:claimed`,
    leases: `${tag}:leases`,
    endedClaims: `${tag}:leases:ended`,
    deliveries: `${shared}:webhook:deliveries`,
    deliveryEntries: `${shared}:webhook:deliveries:entries`,
    escalations: `${tag}:escalations`,
    alerted: `${shared}:alerted:`,
    seq: `${shared}:seq`,
    activity: `${tag}:activity`,
    claimOwners: `${shared}:claims:owners`,
    migrationLock: `${shared}:migration:lock`,
    activityChannel: `${shared}:activity:live`,
    workers: `${shared}:workers`,
    workerInfo: `${shared}:workers:info`,
    rateLimit: `${shared}:ratelimit:`,
  };
}
