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

/** Subscribes over Server-Sent Events (yoga's built-in transport) and collects `data` payloads. */
export async function subscribeSse<T = any>(httpUrl: string, query: string): Promise<Subscription<T>> {
  const controller = new AbortController();
  const response = await fetch(`${httpUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE subscribe failed: ${response.status}`);
  const received: T[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
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
          if (data) {
            const payload = JSON.parse(data) as { data?: T };
            if (payload.data) received.push(payload.data);
          }
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return { received, stop: () => controller.abort() };
}
