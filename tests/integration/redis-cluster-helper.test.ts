import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedisCluster, type RedisCluster } from '@iq/testkit';

// The testkit's Redis Cluster: three real masters that agree on the slot map, and team hash
// tags that really land on different masters, so cluster tests exercise cross-node traffic.

/** One key per hash tag the services use: a team's keys share a slot, teams spread out. */
const KEYS = ['{iq:billing}:x', '{iq:technical}:x', '{iq:legal}:x', '{iq:general}:x', '{iq}:x'];

/** Whether nothing listens on `port` any more (binding it succeeds). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The master (as host:port) whose slot ranges in CLUSTER SHARDS hold `slot`. */
function ownerBySlotMap(shards: any[], slot: number): string | undefined {
  for (const shard of shards) {
    const fields = new Map<string, any>(pairs(shard));
    const slots = fields.get('slots') as number[];
    for (let i = 0; i < slots.length; i += 2) {
      if (slot < slots[i]! || slot > slots[i + 1]!) continue;
      const master = (fields.get('nodes') as any[]).map((node) => new Map<string, any>(pairs(node))).find((node) => node.get('role') === 'master');
      return `${master!.get('ip')}:${master!.get('port')}`;
    }
  }
  return undefined;
}

/** CLUSTER SHARDS answers flat [name, value, ...] arrays under RESP2. */
function pairs(flat: any[]): [string, any][] {
  const result: [string, any][] = [];
  for (let i = 0; i < flat.length; i += 2) result.push([String(flat[i]), flat[i + 1]]);
  return result;
}

let cluster: RedisCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

describe('startRedisCluster', () => {
  it('starts three masters that spread the team hash tags over nodes, and frees the ports on stop', async () => {
    cluster = await startRedisCluster();
    const { client, nodes } = cluster;
    expect(nodes).toHaveLength(3);
    expect(cluster.nodesList).toBe(nodes.map(({ host, port }) => `${host}:${port}`).join(','));
    expect(cluster.url).toBe(`redis+cluster://${cluster.nodesList}`);

    const info = (await client.call('CLUSTER', 'INFO')) as string;
    expect(info).toMatch(/^cluster_state:ok\r?$/m);
    expect(info).toMatch(/^cluster_known_nodes:3\r?$/m);
    expect(info).toMatch(/^cluster_slots_assigned:16384\r?$/m);

    for (const key of KEYS) await client.set(key, `value of ${key}`);
    for (const key of KEYS) expect(await client.get(key)).toBe(`value of ${key}`);

    const slots = await Promise.all(KEYS.map(async (key) => (await client.call('CLUSTER', 'KEYSLOT', key)) as number));
    expect(new Set(slots).size).toBe(KEYS.length);

    // Ask every master which of those slots it holds a key in: each key must be on exactly one,
    // the one the slot map names, and together they must cover at least two masters.
    const shards = (await client.call('CLUSTER', 'SHARDS')) as any[];
    const holders = new Set<string>();
    for (const slot of slots) {
      const counts = await Promise.all(
        client.nodes('master').map(async (node) => ({
          node: `${node.options.host}:${node.options.port}`,
          count: (await node.call('CLUSTER', 'COUNTKEYSINSLOT', String(slot))) as number,
        })),
      );
      const holding = counts.filter(({ count }) => count > 0);
      expect(holding).toHaveLength(1);
      expect(holding[0]!.count).toBe(1);
      expect(holding[0]!.node).toBe(ownerBySlotMap(shards, slot));
      holders.add(holding[0]!.node);
    }
    expect(holders.size).toBeGreaterThanOrEqual(2);

    await cluster.flush();
    for (const key of KEYS) expect(await client.exists(key)).toBe(0);

    const stopping = cluster;
    cluster = undefined;
    await stopping.stop();
    for (const { port } of nodes) expect(await isFree(port)).toBe(true);
  });
});
