import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import { startRedisServer as startProcess, type RedisServerProcess } from '@iq/core/redis-server';
import { freePort } from './free-port.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

const SLOTS = 16_384;
/** `redis-cli --cluster create` waits for the nodes to agree; a slow CI machine gets time for that. */
const CREATE_TIMEOUT_MS = 60_000;
const CONVERGE_TIMEOUT_MS = 30_000;

export interface RedisCluster {
  /** Seed nodes, e.g. [{host:'127.0.0.1', port: 40001}, ...] */
  nodes: { host: string; port: number }[];
  /** The same as REDIS_CLUSTER_NODES wants it: "127.0.0.1:40001,127.0.0.1:40002,127.0.0.1:40003" */
  nodesList: string;
  /** The same as a URL: "redis+cluster://127.0.0.1:40001,127.0.0.1:40002,127.0.0.1:40003" */
  url: string;
  /** An ioredis Cluster client for raw assertions (CLUSTER KEYSLOT, reading keys). */
  client: Cluster;
  /** Deletes every key on every master (FLUSHALL on each), for tests sharing one cluster. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway Redis Cluster of `masters` masters (no replicas) on free ports, never
 * the shared 6379. Each node is a redis-server from core's starter, like the testkit's single
 * servers, so it dies with the test process however that ends. Takes a few seconds: the nodes have to
 * meet and agree on the slot map before a client can use them.
 */
export async function startRedisCluster(opts: { masters?: number } = {}): Promise<RedisCluster> {
  const masters = opts.masters ?? 3;
  // redis-cli refuses to create a cluster of fewer than 3 masters.
  if (masters < 3) throw new Error(`a Redis Cluster needs at least 3 masters, not ${masters}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'iq-redis-cluster-'));
  const servers: RedisServerProcess[] = [];
  let client: Cluster | undefined;
  const stopAll = async () => {
    client?.disconnect();
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const ports = await distinctFreePorts(masters * 2);
    for (let i = 0; i < masters; i++) {
      servers.push(await startNode(dir, ports[2 * i]!, ports[2 * i + 1]!));
    }
    const nodes = servers.map((server) => ({ host: '127.0.0.1', port: server.port }));
    await createCluster(nodes);
    await waitForConvergence(nodes);
    const ready = (client = await connect(nodes));
    const nodesList = nodes.map(({ host, port }) => `${host}:${port}`).join(',');
    return {
      nodes,
      nodesList,
      url: `redis+cluster://${nodesList}`,
      client: ready,
      async flush() {
        await Promise.all(ready.nodes('master').map((node) => node.flushall()));
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw new Error(`could not start a Redis Cluster of ${masters} masters: ${message(error)}`, { cause: error });
  }
}

/**
 * Free ports, none handed out twice. Each node takes two: the cluster bus otherwise listens on
 * port + 10000, which for an ephemeral port can be taken or past 65535.
 */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * Starts one cluster-enabled redis-server through core's starter, which passes no arguments
 * of ours: a wrapper script adds the cluster ones and `exec`s redis-server, so the starter's
 * guardian still signals redis-server itself and the node dies with the test process.
 */
async function startNode(dir: string, port: number, busPort: number): Promise<RedisServerProcess> {
  const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const clusterArgs = [
    '--cluster-enabled', 'yes',
    // Named after the port asked for: the starter moves to another if that one was taken meanwhile.
    '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout', '5000',
    '--cluster-port', String(busPort),
    '--dir', dir,
  ];
  const wrapper = path.join(dir, `redis-server-${port}`);
  writeFileSync(wrapper, `#!/bin/sh\nexec ${shellQuote(binary)} "$@" ${clusterArgs.map(shellQuote).join(' ')}\n`);
  chmodSync(wrapper, 0o755);
  let output = '';
  try {
    return await startProcess({ binary: wrapper, preferredPort: port, onOutput: (line) => (output += `${line}\n`) });
  } catch (error) {
    throw new Error(`redis-server for port ${port} did not start: ${message(error)}; its output:\n${output}`, { cause: error });
  }
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Assigns the slots evenly over the nodes and makes them meet; redis-cli waits until they agree. */
async function createCluster(nodes: { host: string; port: number }[]): Promise<void> {
  const cli = process.env.REDIS_CLI_BIN ?? 'redis-cli';
  const args = ['--cluster', 'create', ...nodes.map(({ host, port }) => `${host}:${port}`), '--cluster-replicas', '0', '--cluster-yes'];
  try {
    await run(cli, args, { timeout: CREATE_TIMEOUT_MS });
  } catch (error) {
    const { code, killed, stdout = '', stderr = '' } = error as { code?: unknown; killed?: boolean; stdout?: string; stderr?: string };
    // execFile's own message repeats the command line and stderr; say only how it ended.
    const how = killed ? `timed out after ${CREATE_TIMEOUT_MS / 1000} s` : typeof code === 'number' ? `exited with code ${code}` : message(error);
    throw new Error(`${cli} ${args.join(' ')} ${how}; its output:\n${stdout}${stderr}`, { cause: error });
  }
}

/**
 * Waits until every node, not only the one redis-cli asked last, reports a healthy cluster
 * that knows all nodes and all slots; before that a client can get CLUSTERDOWN or a stale map.
 */
async function waitForConvergence(nodes: { host: string; port: number }[]): Promise<void> {
  const clients = nodes.map(({ host, port }) => new Redis({ host, port, maxRetriesPerRequest: 1, lazyConnect: true }));
  for (const client of clients) client.on('error', () => undefined);
  let last = '';
  try {
    await waitFor(
      async () => {
        const infos = await Promise.all(clients.map((client) => client.call('CLUSTER', 'INFO') as Promise<string>));
        last = infos.map((info, i) => `${nodes[i]!.port}: ${info.replace(/\r?\n/g, ' ')}`).join('\n');
        return infos.every((info) => healthy(parseInfo(info), nodes.length));
      },
      { timeoutMs: CONVERGE_TIMEOUT_MS, intervalMs: 100, what: 'cluster_state:ok on every node' },
    );
  } catch (error) {
    throw new Error(`${message(error)}\nlast CLUSTER INFO:\n${last}`, { cause: error });
  } finally {
    for (const client of clients) client.disconnect();
  }
}

function parseInfo(info: string): Map<string, string> {
  return new Map(info.split(/\r?\n/).map((line) => line.split(':', 2) as [string, string]));
}

function healthy(info: Map<string, string>, nodes: number): boolean {
  return (
    info.get('cluster_state') === 'ok' &&
    info.get('cluster_slots_assigned') === String(SLOTS) &&
    info.get('cluster_known_nodes') === String(nodes)
  );
}

async function connect(nodes: { host: string; port: number }[]): Promise<Cluster> {
  const client = new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  // Refused connections while nodes stop are expected; commands still fail on their own.
  client.on('error', () => undefined);
  try {
    await waitFor(() => client.status === 'ready', { what: 'an ioredis Cluster client to be ready' });
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return client;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
