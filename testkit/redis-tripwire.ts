import type { Socket } from 'node:net';
import { startTcpProxy } from './tcp-proxy.js';

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
  let armed: { needle: Buffer; tripped: () => void } | undefined;
  /** The held connections and what they sent since. */
  const held = new Map<Socket, Buffer[]>();
  const proxy = await startTcpProxy(
    targetPort,
    (chunk, { upstream }) => {
      const queue = held.get(upstream);
      if (queue) return void queue.push(chunk);
      if (armed && chunk.includes(armed.needle)) {
        held.set(upstream, [chunk]);
        const { tripped } = armed;
        armed = undefined;
        return tripped();
      }
      upstream.write(chunk);
    },
    ({ upstream }) => held.delete(upstream),
  );
  return {
    url: `redis://127.0.0.1:${proxy.port}`,
    arm: (needle) => new Promise<void>((resolve) => (armed = { needle: Buffer.from(needle), tripped: resolve })),
    release() {
      armed = undefined;
      for (const [upstream, chunks] of held) for (const chunk of chunks) upstream.write(chunk);
      held.clear();
    },
    close: () => proxy.close(),
  };
}
