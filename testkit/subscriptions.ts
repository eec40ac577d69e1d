import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Subscription<T> {
  /** Every payload received so far. */
  received: T[];
  stop(): void;
}

/** Subscribes over graphql-ws (WebSocket) and collects `data` payloads. */
export async function subscribeWs<T = any>(httpUrl: string, query: string): Promise<Subscription<T> & { client: Client }> {
  const client = createClient({ url: `${httpUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false });
  const received: T[] = [];
  const ack = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const dispose = client.subscribe<T>({ query }, {
    next: (value) => void (value.data && received.push(value.data as T)),
    error: () => undefined,
    complete: () => undefined,
  });
  await ack;
  return {
    client,
    received,
    stop() {
      dispose();
      void client.dispose();
    },
  };
}

/**
 * Subscribes over Server-Sent Events (yoga's built-in transport) and collects `data` payloads.
 * POST by default; GET sends the operation in the query string, as EventSource must.
 */
export async function subscribeSse<T = any>(
  httpUrl: string,
  query: string,
  opts: { method?: 'GET' | 'POST' } = {},
): Promise<Subscription<T> & { ended: boolean }> {
  const controller = new AbortController();
  const response =
    opts.method === 'GET'
      ? await fetch(`${httpUrl}/graphql?${new URLSearchParams({ query })}`, {
          headers: { accept: 'text/event-stream' },
          signal: controller.signal,
        })
      : await fetch(`${httpUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query }),
          signal: controller.signal,
        });
  if (!response.ok || !response.body) throw new Error(`SSE subscribe failed: ${response.status}`);
  const received: T[] = [];
  /** Set once the stream is over, whichever side ended it. */
  const sub = { received, ended: false, stop: () => controller.abort() };
  void readSseData(response.body, (data) => {
    const payload = JSON.parse(data) as { data?: T };
    if (payload.data) received.push(payload.data);
  }).finally(() => (sub.ended = true));
  return sub;
}

/**
 * Calls `onData` with the `data` of every Server-Sent Events frame of `body`, until the
 * stream ends or is aborted (which resolves too).
 */
export async function readSseData(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (data) onData(data);
      }
    }
  } catch {
    // aborted
  }
}
