import { describe, expect, it } from 'vitest';
import { ConfigError } from '@iq/core';
import { parseServerConfig } from './config.js';

describe('server configuration', () => {
  it('defaults to port 8000 and the documented limits', () => {
    expect(parseServerConfig({})).toMatchObject({
      PORT: 8000,
      HOST: '0.0.0.0',
      TICKET_REQUEST_MAX_BYTES: 65_536,
      BATCH_REQUEST_MAX_BYTES: 16 * 1024 * 1024,
      GRAPHQL_MAX_DOCUMENT_BYTES: 102_400,
      GRAPHQL_MAX_DEPTH: 15,
      QUEUE_LIST_MAX: 1_000,
      CORS_ORIGINS: ['http://localhost:5173', 'http://127.0.0.1:5173'],
    });
  });

  it('reads CORS_ORIGINS as a comma-separated list of origins, or *', () => {
    expect(parseServerConfig({ CORS_ORIGINS: ' https://desk.example.com , http://127.0.0.1:4000/ ' }).CORS_ORIGINS).toEqual([
      'https://desk.example.com',
      'http://127.0.0.1:4000',
    ]);
    expect(parseServerConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
  });

  it.each(['localhost:5173', 'ftp://files.example.com', ','])('rejects CORS_ORIGINS=%j', (value) => {
    expect(() => parseServerConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
  });

  it('rejects a bad port and a bad Redis URL together', () => {
    expect(() => parseServerConfig({ PORT: '70000', REDIS_URL: 'localhost:6379' })).toThrow(ConfigError);
    try {
      parseServerConfig({ PORT: '70000', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(2);
    }
  });
});
