/**
 * Every Redis key and channel of one deployment, built from `QUEUE_PREFIX`.
 *
 * All keys share one hash tag (`{prefix}`), so on Redis Cluster they live in one slot
 * and the Lua scripts (which touch several of them) stay legal.
 */
export interface Keys {
  /** BullMQ's own prefix: its keys become `{prefix}:bull:<queue>:...`. */
  readonly bullPrefix: string;
  /** Sorted set of processed ticket ids, scored by priority then arrival. */
  readonly processed: string;
  /** Hash ticket_id → processed ticket JSON. */
  readonly tickets: string;
  /**
   * Hash ticket_id → the labelled training example of an agent's urgency correction
   * (JSON). Kept after the pop, which deletes the ticket itself.
   */
  readonly overrides: string;
  /** Hash ticket_id → job_id of the live submission (waiting, processing or queued). */
  readonly claims: string;
  /**
   * Hash job_id → the accepted content of a claim not yet processed: what the worker
   * processes, whatever later submissions of the same id say.
   */
  readonly payloads: string;
  /** Sorted set job_id → when it was claimed, or when to look at it again (ms): the reconciler's list. */
  readonly pending: string;
  /** Prefix of the per-job alert delivery keys (`<prefix><job_id>:<kind>`). */
  readonly alerted: string;
  /** Counter: arrival sequence, also the unique part of every job id. */
  readonly seq: string;
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

export function createKeys(prefix: string): Keys {
  const tag = `{${prefix}}`;
  return {
    bullPrefix: `${tag}:bull`,
    processed: `${tag}:processed`,
    tickets: `${tag}:tickets`,
    overrides: `${tag}:overrides`,
    claims: `${tag}:claims`,
    payloads: `${tag}:payloads`,
    pending: `${tag}:pending`,
    alerted: `${tag}:alerted:`,
    seq: `${tag}:seq`,
    activity: `${tag}:activity`,
    activityChannel: `${tag}:activity:live`,
    workers: `${tag}:workers`,
    workerInfo: `${tag}:workers:info`,
    rateLimit: `${tag}:ratelimit:`,
  };
}
