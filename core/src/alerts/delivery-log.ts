import type { Redis } from 'ioredis';
import { eventArgs, eventData } from '../activity/activity.js';
import type { Keys } from '../redis/keys.js';
import { scriptRunner, type RunScript } from '../redis/scripts.js';
import type { AlertKind } from './webhook-message.js';

/**
 * Where a delivery is:
 * - `pending`: enqueued, no try yet;
 * - `sending`: a try is in flight (or its worker died during it: then it ends `failed`);
 * - `retrying`: a try failed, the next waits out its backoff;
 * - `delivered`: the receiver answered 2xx;
 * - `failed`: for good — every try failed, the receiver refused it (a 4xx other than
 *   408 and 429), or a worker died during a try (never sent again: at most once).
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One entry of the delivery log (`GET /webhooks/deliveries`, `Query.webhookDeliveries`). */
export interface WebhookDelivery {
  /** `<job id>.<kind>`: also the delivery's BullMQ job id and its `X-IQ-Delivery` header. */
  delivery_id: string;
  ticket_id: string;
  job_id: string;
  kind: AlertKind;
  /** The webhook URL's host (and port): never its path, where Slack and Discord keep the URL's secret. */
  url_host: string;
  status: DeliveryStatus;
  /** Tries started so far. */
  attempts: number;
  max_attempts: number;
  /** The HTTP status of the last try, null when it got no answer (or none was tried). */
  response_code: number | null;
  /** Why the last failed try failed; kept when a later try succeeds. */
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** The fields of an entry a try changes. */
export type DeliveryPatch = Partial<Pick<WebhookDelivery, 'status' | 'attempts' | 'url_host' | 'response_code' | 'last_error' | 'updated_at'>>;

/** What `begin` decided: send, or not because it is done or its last try's worker died. */
export type BeginOutcome = { go: true } | { go: false; done: true } | { go: false; done: false; diedDuring: number };

/**
 * The state of one delivery's tries (see begin-delivery-3.lua). It is the key by which an
 * older version claimed the one alert of a job and kind, so an alert that version sent is
 * never sent again by this one.
 */
export const deliveryStateKey = (keys: Keys, jobId: string, kind: AlertKind): string => `${keys.alerted}${jobId}:${kind}`;

/** A delivery's entry as it is logged when enqueued: pending, no try yet. */
export function newDeliveryEntry(input: {
  deliveryId: string;
  kind: AlertKind;
  ticket: { ticket_id: string; job_id: string };
  url: string;
  maxAttempts: number;
  at: string;
}): WebhookDelivery {
  return {
    delivery_id: input.deliveryId,
    ticket_id: input.ticket.ticket_id,
    job_id: input.ticket.job_id,
    kind: input.kind,
    url_host: urlHost(input.url),
    status: 'pending',
    attempts: 0,
    max_attempts: input.maxAttempts,
    response_code: null,
    last_error: null,
    created_at: input.at,
    updated_at: input.at,
  };
}

/** What the log shows of a webhook URL: its host and port, never its path or credentials. */
export const urlHost = (url: string): string => new URL(url).host;

const FIELDS = [
  'delivery_id',
  'ticket_id',
  'job_id',
  'kind',
  'url_host',
  'status',
  'attempts',
  'max_attempts',
  'response_code',
  'last_error',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof WebhookDelivery)[];

/** An entry in a fixed field order (Lua re-encodes entries in any order). */
function entryOf(json: string): WebhookDelivery {
  const raw = JSON.parse(json) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((field) => [field, raw[field] ?? null])) as unknown as WebhookDelivery;
}

/** The newest `limit` deliveries, newest first. The API reads the log with this alone. */
export async function listDeliveries(redis: Redis, keys: Keys, limit: number): Promise<WebhookDelivery[]> {
  const ids = await redis.lrange(keys.deliveries, 0, limit - 1);
  if (ids.length === 0) return [];
  const rows = await redis.hmget(keys.deliveryEntries, ...ids);
  // An id trimmed between the two reads has no entry any more: it is simply left out.
  return rows.flatMap((json) => (json === null ? [] : [entryOf(json)]));
}

export interface DeliveryLogOptions {
  /** Entries kept (WEBHOOK_LOG_SIZE): past it the oldest go. */
  size: number;
  /** How long a delivery's state lives (ms): longer than its job is kept. */
  stateTtlMs: number;
  activityMaxlen: number;
}

/** The part of a delivery's event that is the same for both outcomes (a type: event data takes more fields). */
export type DeliveryEventBase = {
  ticket_id: string;
  job_id: string;
  urgency_score: number;
  kind: AlertKind;
  delivery_id: string;
  attempts: number;
};

/** How a try ended, as recorded. */
export type TryOutcome =
  | { final: false; patch: DeliveryPatch }
  | { final: true; patch: DeliveryPatch; event: { type: 'webhook_sent'; data: DeliveryEventBase & { status: number } } }
  | { final: true; patch: DeliveryPatch; event: { type: 'webhook_failed'; data: DeliveryEventBase & { error: string; status?: number } } };

/**
 * The webhook delivery log, written by the workers: the last `size` deliveries with their
 * tries' outcome, and each delivery's state, which keeps an alert from being sent twice
 * (see begin-delivery-3.lua). Every step is one Lua script.
 */
export class DeliveryLog {
  private readonly run: RunScript;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly opts: DeliveryLogOptions,
  ) {
    this.run = scriptRunner(redis);
  }

  /** Logs a delivery just enqueued as pending, unless it is logged or started already. */
  async queued(entry: WebhookDelivery): Promise<boolean> {
    const k = this.keys;
    const state = deliveryStateKey(k, entry.job_id, entry.kind);
    return (await this.run('queueDelivery', [k.deliveries, k.deliveryEntries, state], [entry.delivery_id, JSON.stringify(entry), this.opts.size])) === 1;
  }

  /**
   * Starts try `attempt`, unless the delivery is done or a try of it is still marked in
   * flight (its worker died: whether it arrived is unknown). `entry` is logged first if
   * the log does not have it.
   */
  async begin(entry: WebhookDelivery, attempt: number, patch: DeliveryPatch): Promise<BeginOutcome> {
    const k = this.keys;
    const state = deliveryStateKey(k, entry.job_id, entry.kind);
    const answer = await this.run(
      'beginDelivery',
      [k.deliveries, k.deliveryEntries, state],
      [entry.delivery_id, attempt, JSON.stringify(entry), this.opts.size, JSON.stringify(patch), this.opts.stateTtlMs],
    );
    if (answer === 'go') return { go: true };
    if (answer === 'done') return { go: false, done: true };
    return { go: false, done: false, diedDuring: Number(answer.slice('died:'.length)) };
  }

  /**
   * Records how try `attempt` ended: the entry, the state (done, or ready for the next
   * try) and, when it is over, its event. False when it was done already (nothing written).
   */
  async finish(delivery: Pick<WebhookDelivery, 'delivery_id' | 'job_id' | 'kind'>, attempt: number, outcome: TryOutcome): Promise<boolean> {
    const k = this.keys;
    const state = deliveryStateKey(k, delivery.job_id, delivery.kind);
    const event = outcome.final ? outcome.event : undefined;
    const data = !event ? '' : event.type === 'webhook_sent' ? eventData('webhook_sent', event.data) : eventData('webhook_failed', event.data);
    return (
      (await this.run(
        'finishDelivery',
        [k.deliveryEntries, state, k.activity],
        [
          ...eventArgs(k, this.opts.activityMaxlen),
          delivery.delivery_id,
          JSON.stringify(outcome.patch),
          outcome.final ? 'done' : `retry:${attempt}`,
          this.opts.stateTtlMs,
          event?.type ?? '',
          data,
        ],
      )) === 1
    );
  }
}
