import { createConnection, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApi,
  startRedisServer,
  subscribeSse,
  subscribeWs,
  waitFor,
  type Api,
  type RedisServer,
  type Subscription,
} from '@iq/testkit';

// Slow and idle clients are cut off and cannot crowd out the others; long-lived streams
// (SSE, WebSocket) are not. Each part runs its own API with small limits; every
// assertion is about what happened (closed, answered, status), never how long it took.

let redis: RedisServer;
const cleanup: (() => unknown)[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  await redis?.stop();
});

async function api(env: Record<string, string>): Promise<Api> {
  const started = await startApi(redis.url, env);
  cleanup.push(() => started.close());
  return started;
}

const portOf = (a: Api) => Number(new URL(a.url).port);

interface RawConnection {
  socket: Socket;
  /** Everything the server sent. */
  data: string;
  connected: boolean;
  /** The test never closes these before cleanup: a closed one was closed by the server. */
  closed: boolean;
}

/** A plain TCP connection; resolves once connected, or once closed if the server drops it first. */
function connect(port: number): Promise<RawConnection> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const conn: RawConnection = { socket, data: '', connected: false, closed: false };
    cleanup.push(() => socket.destroy());
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (conn.data += chunk));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      conn.connected = true;
      resolve(conn);
    });
    socket.once('close', () => {
      conn.closed = true;
      resolve(conn);
    });
  });
}

/** `n` connections, opened a batch at a time so the listen backlog never overflows. */
async function connectMany(port: number, n: number, batch = 250): Promise<RawConnection[]> {
  const all: RawConnection[] = [];
  while (all.length < n) {
    all.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - all.length) }, () => connect(port)))));
  }
  return all;
}

/** Writes `byte` to every open connection every `everyMs` until stopped. */
function dribble(conns: RawConnection[], byte: string, everyMs = 200): () => void {
  const timer = setInterval(() => {
    for (const c of conns) if (!c.closed) c.socket.write(byte);
  }, everyMs);
  return () => clearInterval(timer);
}

const allClosed = (conns: RawConnection[], what: string) => waitFor(() => conns.every((c) => c.closed), { what, timeoutMs: 30_000 });

const ticket = (id: string) => ({ ticket_id: id, subject: 'Cannot log in', body: 'The login page hangs.' });

describe('slow clients', () => {
  let slow: Api;
  beforeAll(async () => {
    slow = await api({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_IDLE_TIMEOUT_MS: '30000' });
  });

  it('cuts off clients that send their headers a byte at a time, with 408', async () => {
    const conns = await connectMany(portOf(slow), 50);
    for (const c of conns) c.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    // A byte every 200 ms keeps the connection from ever being idle: only the headers timeout ends it.
    const stop = dribble(conns, 'a');
    try {
      await allClosed(conns, 'every slow-header connection to be closed');
    } finally {
      stop();
    }
    expect(conns.every((c) => c.connected)).toBe(true);
    for (const c of conns) expect(c.data).toMatch(/^HTTP\/1\.1 408 /);
    expect((await slow.get('/health')).status).toBe(200);
  });

  it('cuts off clients that send a request body a byte at a time, with 408', async () => {
    const conns = await connectMany(portOf(slow), 50);
    for (const c of conns) {
      c.socket.write(
        'POST /tickets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"subject":"',
      );
    }
    const stop = dribble(conns, 'a');
    try {
      await allClosed(conns, 'every slow-body connection to be closed');
    } finally {
      stop();
    }
    for (const c of conns) expect(c.data).toMatch(/^HTTP\/1\.1 408 /);
    expect((await slow.post('/tickets', ticket('after-slow-bodies'))).status).toBe(202);
  });
});

describe('idle connections', () => {
  it('closes thousands of connections that never send a byte, while /health and POST /tickets keep being served', async () => {
    const flooded = await api({ HTTP_HEADERS_TIMEOUT_MS: '4000', HTTP_REQUEST_TIMEOUT_MS: '8000' });
    const conns = await connectMany(portOf(flooded), 3_000);
    expect(conns.every((c) => c.connected)).toBe(true);

    const submitted = await flooded.post('/tickets', ticket('during-idle-flood'));
    const openWhileSubmitting = conns.filter((c) => !c.closed).length;
    expect(submitted.status).toBe(202);
    expect(openWhileSubmitting).toBeGreaterThan(0);

    const healthStatuses: number[] = [];
    await waitFor(
      async () => {
        healthStatuses.push((await flooded.get('/health')).status);
        return conns.every((c) => c.closed);
      },
      { what: 'every idle connection to be closed by the server', timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(healthStatuses.length).toBeGreaterThan(0);
    expect(new Set(healthStatuses)).toEqual(new Set([200]));
    // The server sent nothing on them: they were dropped, not answered.
    expect(conns.every((c) => c.data === '')).toBe(true);
  });

  it('refuses connections beyond HTTP_MAX_CONNECTIONS, and answers again once the idle ones are cut', async () => {
    const capped = await api({ HTTP_MAX_CONNECTIONS: '50', HTTP_HEADERS_TIMEOUT_MS: '3000', HTTP_REQUEST_TIMEOUT_MS: '6000' });
    const port = portOf(capped);
    const idle = await connectMany(port, 50);
    const serverConnections = () => new Promise<number>((resolve, reject) => capped.app.server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
    await waitFor(async () => (await serverConnections()) === 50, { what: 'the API to hold 50 connections' });

    const extra = await connect(port);
    extra.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await waitFor(() => extra.closed, { what: 'the connection past the cap to be closed' });
    expect(extra.data).toBe('');
    expect(idle.filter((c) => c.closed)).toHaveLength(0);

    await allClosed(idle, 'the idle connections to be cut');
    expect((await capped.get('/health')).status).toBe(200);
  });
});

describe('long-lived streams', () => {
  const ACTIVITY = 'subscription { activity { type ticketId } }';
  interface ActivityPayload {
    activity: { type: string; ticketId: string | null };
  }
  const hasTicket = (sub: Subscription<ActivityPayload>, id: string) => sub.received.some((p) => p.activity.ticketId === id);

  it('SSE (GET and POST) and WebSocket subscriptions idle past the idle and request timeouts still deliver events', async () => {
    const streams = await api({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
      HTTP_IDLE_TIMEOUT_MS: '1000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
    });
    // Under NODE_ENV=test (vitest's) yoga writes an SSE keep-alive every 300 ms, which would
    // keep the stream moving; its production interval is 12 s, far past these timeouts.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let ssePost: Awaited<ReturnType<typeof subscribeSse<ActivityPayload>>>;
    let sseGet: typeof ssePost;
    try {
      ssePost = await subscribeSse<ActivityPayload>(streams.url, ACTIVITY);
      sseGet = await subscribeSse<ActivityPayload>(streams.url, ACTIVITY, { method: 'GET' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const ws = await subscribeWs<ActivityPayload>(streams.url, ACTIVITY);
    let wsClosed = false;
    ws.client.on('closed', () => (wsClosed = true));
    const subs = [ssePost, sseGet, ws];
    for (const sub of subs) cleanup.push(() => sub.stop());

    // Subscriptions attach to Redis pub/sub asynchronously: warm up until each has seen an event.
    let warm = 0;
    await waitFor(
      async () => {
        if (subs.every((s) => s.received.length > 0)) return true;
        expect((await streams.post('/tickets', ticket(`warm-${warm++}`))).status).toBe(202);
        return false;
      },
      { what: 'every subscription to receive a first event', intervalMs: 100 },
    );

    // Witnesses opened after the streams went quiet: once the server has cut them, the
    // streams too have sat idle past the idle, headers and request timeouts.
    const silent = await connect(portOf(streams));
    const stalled = await connect(portOf(streams));
    stalled.socket.write('POST /tickets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await allClosed([silent, stalled], 'the witness connections to be cut');

    expect(ssePost.ended).toBe(false);
    expect(sseGet.ended).toBe(false);
    expect(wsClosed).toBe(false);
    expect((await streams.post('/tickets', ticket('after-idle'))).status).toBe(202);
    await waitFor(() => subs.every((s) => hasTicket(s, 'after-idle')), { what: 'every subscription to deliver the event after idling' });
  });
});

describe('/health while the event loop is blocked', () => {
  const blockFor = (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end);
  };

  it('answers 200 when the API process is busy for 3 s before it reads the request', async () => {
    const busy = await api({});
    expect((await busy.get('/health')).status).toBe(200);
    setTimeout(() => blockFor(3_000), 0);
    expect(await busy.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 200 when the API process is busy for 3 s while its PING is out', async () => {
    const busy = await api({});
    expect((await busy.get('/health')).status).toBe(200);
    // The handler sends its PING within the request's own I/O callback; setImmediate runs
    // right after it, so the PONG arrives while the loop is blocked.
    busy.app.server.once('request', () => setImmediate(() => blockFor(3_000)));
    expect(await busy.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await busy.get('/health/details')).body).toMatchObject({ status: 'ok', redis: 'ok' });
  });
});
