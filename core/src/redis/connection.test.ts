import { describe, expect, it } from 'vitest';
import { isClusterUrl, parseClusterUrl, redisUrlOf } from './connection.js';

describe('Redis Cluster URLs', () => {
  it('reads the seed nodes and the credentials of redis+cluster://', () => {
    expect(parseClusterUrl('redis+cluster://10.0.0.1:7000,redis-b:7001/')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b', port: 7001 },
      ],
    });
    expect(parseClusterUrl('redis+cluster://app:p%40ss@h:1')).toEqual({ nodes: [{ host: 'h', port: 1 }], username: 'app', password: 'p@ss' });
    expect(parseClusterUrl('redis+cluster://:a:b@h:1')).toEqual({ nodes: [{ host: 'h', port: 1 }], password: 'a:b' });
    expect(() => parseClusterUrl('redis+cluster://h')).toThrow(/not host:port/);
  });

  it('prefers REDIS_CLUSTER_NODES over REDIS_URL, and tells a cluster from one server', () => {
    expect(redisUrlOf({ REDIS_URL: 'redis://x:6379', REDIS_CLUSTER_NODES: 'a:1,b:2' })).toBe('redis+cluster://a:1,b:2');
    expect(redisUrlOf({ REDIS_URL: 'redis://x:6379' })).toBe('redis://x:6379');
    expect(isClusterUrl('redis+cluster://a:1')).toBe(true);
    expect(isClusterUrl('redis://a:1')).toBe(false);
  });
});
