import { z } from 'zod';
import { PAGE_DEFAULT_LIMIT, pageLimitSchema } from '@iq/core/domain';
import { listDeliveries, type AlertKind, type DeliveryStatus, type WebhookDelivery } from '@iq/core';
import { builder } from './builder.js';
import { parseInput } from './input-validation.js';

const AlertKindEnum = builder.enumType('AlertKind', {
  description: 'Why a webhook went out: an urgent ticket, or its escalation (still waiting after ESCALATE_AFTER_SECONDS).',
  values: {
    URGENT: { value: 'urgent' },
    ESCALATION: { value: 'escalation' },
  } as const satisfies Record<string, { value: AlertKind }>,
});

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  values: {
    PENDING: { value: 'pending', description: 'Enqueued, no try yet.' },
    SENDING: { value: 'sending', description: 'A try is in flight.' },
    RETRYING: { value: 'retrying', description: 'A try failed; the next waits out its backoff.' },
    DELIVERED: { value: 'delivered', description: 'The receiver answered 2xx.' },
    FAILED: { value: 'failed', description: 'For good: every try failed, the receiver refused it, or a worker died during a try.' },
  } as const satisfies Record<string, { value: DeliveryStatus; description: string }>,
});

const WebhookDeliveryRef = builder.objectRef<WebhookDelivery>('WebhookDelivery').implement({
  description: 'One alert of the webhook delivery log, with its tries.',
  fields: (t) => ({
    deliveryId: t.exposeID('delivery_id', { description: '`<jobId>.<kind>`: the same on every try (the `X-IQ-Delivery` header).' }),
    ticketId: t.exposeID('ticket_id'),
    jobId: t.exposeID('job_id'),
    kind: t.field({ type: AlertKindEnum, resolve: (d) => d.kind }),
    urlHost: t.exposeString('url_host', { description: "The webhook URL's host, never its path." }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts', { description: 'Tries started so far.' }),
    maxAttempts: t.exposeInt('max_attempts'),
    responseCode: t.exposeInt('response_code', { nullable: true, description: "The last try's HTTP status; null without an answer." }),
    lastError: t.exposeString('last_error', { nullable: true, description: "The last failed try's error (kept once a later try succeeds)." }),
    createdAt: t.exposeString('created_at'),
    updatedAt: t.exposeString('updated_at'),
  }),
});

const limitArgs = z.object({ limit: pageLimitSchema });

builder.queryFields((t) => ({
  webhookDeliveries: t.field({
    authScopes: { 'queue:read': true },
    type: [WebhookDeliveryRef],
    description: 'The last webhook deliveries (urgent alerts and escalations), newest first; the workers keep WEBHOOK_LOG_SIZE of them.',
    args: { limit: t.arg.int({ defaultValue: PAGE_DEFAULT_LIMIT }) },
    resolve: (_root, args, { services }) => listDeliveries(services.redis, services.keys, parseInput(limitArgs, args, []).limit),
  }),
}));
