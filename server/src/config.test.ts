import { describe, expect, it } from 'vitest';
import { ConfigError } from '@iq/core';
import { parseServerConfig } from './config.js';

describe('server configuration', () => {
  it('defaults to port 8000 and the documented limits', () => {
    expect(parseServerConfig({})).toMatchObject({
      PORT: 8000,
      TRUST_PROXY: false,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_MAX_CONNECTIONS: 10_000,
      GRAPHQL_MAX_ALIASES: 15,
      RATE_LIMIT_SUBMIT: 600,
      RATE_LIMIT_POP: 600,
      RATE_LIMIT_WINDOW_MS: 60_000,
      TICKET_REQUEST_MAX_BYTES: 65_536,
      BATCH_REQUEST_MAX_BYTES: 16 * 1024 * 1024,
      GRAPHQL_MAX_DOCUMENT_BYTES: 102_400,
      GRAPHQL_MAX_DEPTH: 15,
      QUEUE_LIST_MAX: 1_000,
      CORS_ORIGINS: ['http://localhost:5173', 'http://127.0.0.1:5173'],
    });
  });

  it('leaves HOST, API keys and AUTH unset, so the access policy decides where to listen', () => {
    const config = parseServerConfig({});
    expect(config.HOST).toBeUndefined();
    expect(config.API_KEYS).toBeUndefined();
    expect(config.API_KEYS_FILE).toBeUndefined();
    expect(config.AUTH).toBeUndefined();
    expect(() => parseServerConfig({ AUTH: 'off' })).toThrow(/AUTH/);
  });

  it.each<[string, unknown]>([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['10.0.0.1, 10.0.0.0/8', ['10.0.0.1', '10.0.0.0/8']],
  ])('reads TRUST_PROXY=%j', (value, expected) => {
    expect(parseServerConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
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
