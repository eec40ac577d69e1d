import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, runToExit, startEntry, startRedisServer, waitFor, type RedisServer } from '@iq/testkit';

// `npm start` as an operator leaves it running: the launcher (scripts/start.ts) with its
// API and worker, on a Redis of the test's own. Here rather than with the integration
// tests: it bundles the services, which must not race the bundle test's own build.

interface Stack {
  launcher: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; at: number }>;
}

async function startStack(redisUrl: string): Promise<Stack> {
  const port = await freePort();
  const { child: launcher, output } = startEntry('scripts/start.ts', { REDIS_URL: redisUrl, PORT: String(port), NO_COLOR: '1' });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => launcher.once('exit', (code) => resolve({ code, at: Date.now() })));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/health`)).ok && /worker started \(pid \d+\)/.test(output()), {
    what: 'the stack serving',
    timeoutMs: 60_000,
  });
  return { launcher, url, output, exited };
}

const pidOf = (output: string, name: string): number => {
  const pids = [...output.matchAll(new RegExp(`${name} (?:started|restarted) \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
  return pids[pids.length - 1]!;
};

let redis: RedisServer;
let stack: Stack | undefined;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  if (stack && stack.launcher.exitCode === null) {
    stack.launcher.kill('SIGTERM');
    await stack.exited;
  }
  stack = undefined;
});
afterAll(async () => {
  await redis?.stop();
});

describe('the launcher (npm start)', () => {
  it('restarts a SIGKILLed worker with a log line while the API keeps serving', async () => {
    stack = await startStack(redis.url);
    const first = pidOf(stack.output(), 'worker');
    process.kill(first, 'SIGKILL');

    await waitFor(() => /worker was killed \(SIGKILL\) after [\d.]+ s; restarting it in 1 s/.test(stack!.output()), { what: 'the restart announced' });
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    await waitFor(() => pidOf(stack!.output(), 'worker') !== first, { what: 'the worker restarted' });

    // The new worker processes what the API accepts.
    const submitted = await fetch(`${stack.url}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket_id: 'after-restart', subject: 'Refund', body: 'I was charged twice.' }),
    });
    expect(submitted.status).toBe(202);
    await waitFor(async () => (await (await fetch(`${stack!.url}/queue/size`)).json()).size === 1, { what: 'the ticket processed' });
    expect(stack.launcher.exitCode).toBeNull();
  });

  it('on SIGTERM closes open WebSockets with 1001 and the whole stack exits within 2 s', async () => {
    stack = await startStack(redis.url);
    // A raw graphql-transport-ws socket, as a dashboard tab holds one: a client library
    // would reconnect (and fail loudly) once the stack is gone.
    const socket = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string };
        if (message.type !== 'connection_ack') return;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { activity { type } }' } }));
        resolve();
      });
      socket.once('close', (code) => reject(new Error(`socket closed with ${code} before the subscription`)));
    });
    const signalledAt = Date.now();
    stack.launcher.kill('SIGTERM');
    const { code, at } = await stack.exited;
    expect(await closed).toBe(1001);
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(2_000);
    expect(stack.output()).not.toContain('sending SIGKILL');
  });

  it('stops the stack with the exit code of a service that could not start, instead of restarting it forever', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const { code, output } = await runToExit('scripts/start.ts', { REDIS_URL: redis.url, PORT: String(port), NO_COLOR: '1' }, 60_000);
      expect(code).toBe(1);
      expect(output).toContain('api could not start (it exited with code 1); stopping the others');
      expect(output).not.toContain('restarting it');
    } finally {
      taken.close();
    }
  });
});
