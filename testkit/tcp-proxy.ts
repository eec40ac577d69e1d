import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** Where clients connect instead of the target. */
  port: number;
  close(): Promise<void>;
}

/** One client connection through the proxy. */
export interface ProxiedConnection {
  client: Socket;
  upstream: Socket;
}

/**
 * A TCP proxy to 127.0.0.1:`targetPort`: answers flow back at once, and what a client
 * sends goes through `forward`, which decides when (and whether) it reaches the target.
 * The testkit's latency proxy and Redis tripwire are this with a different `forward`.
 */
export async function startTcpProxy(
  targetPort: number,
  forward: (chunk: Buffer, connection: ProxiedConnection) => void,
  onClose?: (connection: ProxiedConnection) => void,
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    const connection = { client, upstream };
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => forward(chunk, connection));
    upstream.pipe(client);
    client.on('close', () => {
      onClose?.(connection);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not bind a port');
  return {
    port: address.port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
