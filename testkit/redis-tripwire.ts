import { createConnection, createServer, type Socket } from 'node:net';

export interface RedisTripwire {
  /** Where a client connects instead of Redis: redis://127.0.0.1:<port>. */
  url: string;
  /**
   * Resolves once a client sends a command containing `needle`. From that command on,
   * that connection's commands are held (never reach Redis) until release(): the
   * process that sent it is stuck right there, however long the test needs. Other
   * connections go on as before.
   */
  arm(needle: string): Promise<void>;
  /** Lets everything held through, in order, and disarms. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy to a Redis on 127.0.0.1:`targetPort` that can stop one client at a chosen
 * command: a test holds a worker at a precise step (e.g. a triage job right after it
 * stored its ticket, at the enqueue of its alert: arm with the delivery id's `.urgent`)
 * to kill it there or drain it there. Commands are matched by the bytes a client writes;
 * ioredis writes each command (or pipeline) at once.
 */
export async function startRedisTripwire(targetPort: number): Promise<RedisTripwire> {
  const sockets = new Set<Socket>();
  let armed: { needle: Buffer; tripped: () => void } | undefined;
  /** The held connections and what they sent since. */
  const held = new Map<Socket, Buffer[]>();

  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      const queue = held.get(upstream);
      if (queue) return void queue.push(chunk);
      if (armed && chunk.includes(armed.needle)) {
        held.set(upstream, [chunk]);
        const { tripped } = armed;
        armed = undefined;
        return tripped();
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => {
      held.delete(upstream);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('tripwire did not bind a port');

  return {
    url: `redis://127.0.0.1:${address.port}`,
    arm: (needle) => new Promise<void>((resolve) => (armed = { needle: Buffer.from(needle), tripped: resolve })),
    release() {
      armed = undefined;
      for (const [upstream, chunks] of held) for (const chunk of chunks) upstream.write(chunk);
      held.clear();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
