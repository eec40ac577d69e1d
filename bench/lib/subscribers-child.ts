/**
 * `count` live subscribers in a process of their own, timing each activity event from
 * when the benchmark published it (its ticket id is `bench-<ms since the epoch>`) to when
 * each subscriber got it. Modes: `sse` (GraphQL subscription over Server-Sent Events),
 * `ws` (graphql-ws), `redis` (raw Redis SUBSCRIBE on the activity channel).
 * Reads its options as JSON from stdin; prints `subscribers ready`, then one JSON line.
 */
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { readSseData } from '@iq/testkit';
import { percentile } from './stats.js';

export interface SubscriberOptions {
  mode: 'sse' | 'ws' | 'redis';
  count: number;
  /** The API's http URL (sse, ws) or the redis URL (redis). */
  url: string;
  channel: string;
  /** Events each subscriber should get; the child reports once all arrived or timeoutMs passed. */
  events: number;
  timeoutMs: number;
}

export interface SubscriberResult {
  received: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
}

const QUERY = 'subscription { activity { type ticketId } }';
const now = () => performance.timeOrigin + performance.now();

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const opts = JSON.parse(input) as SubscriberOptions;
const latencies: number[] = [];
const expected = opts.count * opts.events;
let finish: () => void = () => undefined;
const done = new Promise<void>((resolve) => (finish = resolve));
const seen = (ticketId: unknown) => {
  const at = now();
  if (typeof ticketId !== 'string' || !ticketId.startsWith('bench-')) return;
  latencies.push(at - Number(ticketId.slice(6)));
  if (latencies.length >= expected) finish();
};
const closers: (() => void)[] = [];

async function sse() {
  const controller = new AbortController();
  closers.push(() => controller.abort());
  const response = await fetch(`${opts.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: QUERY }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE subscribe failed: ${response.status}`);
  void readSseData(response.body, (data) =>
    seen((JSON.parse(data) as { data?: { activity?: { ticketId?: string } } }).data?.activity?.ticketId),
  );
}

async function ws() {
  const client = createClient({ url: `${opts.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false });
  const ack = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const dispose = client.subscribe<{ activity: { ticketId: string } }>({ query: QUERY }, {
    next: (value) => seen(value.data?.activity.ticketId),
    error: () => undefined,
    complete: () => undefined,
  });
  closers.push(() => {
    dispose();
    void client.dispose();
  });
  await ack;
}

async function redis() {
  const sub = new Redis(opts.url);
  sub.on('message', (_channel: string, message: string) => seen((JSON.parse(message) as { data: { ticket_id?: string } }).data.ticket_id));
  await sub.subscribe(opts.channel);
  closers.push(() => sub.disconnect());
}

const subscribe = { sse, ws, redis }[opts.mode];
await Promise.all(Array.from({ length: opts.count }, () => subscribe()));
// The subscription is live once the server holds it: give the last ones a moment.
await new Promise((r) => setTimeout(r, 300));
console.log('subscribers ready');
await Promise.race([done, new Promise((r) => setTimeout(r, opts.timeoutMs))]);
const result: SubscriberResult = {
  received: latencies.length,
  expected,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  max: Math.max(...latencies),
};
console.log(JSON.stringify(result));
for (const close of closers) close();
process.exit(0);
