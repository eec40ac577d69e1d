import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConnectionStateLog, isConnectionError } from './connection-state-log.js';

/** Records what was logged, as [level, fields, message]. */
function recorder() {
  const lines: [string, Record<string, unknown>, string][] = [];
  const log = {
    warn: (fields: Record<string, unknown>, msg: string) => void lines.push(['warn', fields, msg]),
    info: (fields: Record<string, unknown>, msg: string) => void lines.push(['info', fields, msg]),
  };
  return { lines, log: log as never };
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('isConnectionError', () => {
  it.each([
    ['refused connect', withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED')],
    ['reset read', withCode('read ECONNRESET', 'ECONNRESET')],
    ['timeout', withCode('connect ETIMEDOUT', 'ETIMEDOUT')],
    ['broken pipe', withCode('write EPIPE', 'EPIPE')],
    ['unknown host', withCode('getaddrinfo ENOTFOUND redis', 'ENOTFOUND')],
    ['unreachable host', withCode('connect EHOSTUNREACH 10.0.0.1:6379', 'EHOSTUNREACH')],
    ['a command past its retries', named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 1).')],
    ['a command on a closed connection', new Error('Connection is closed.')],
    ['a wrapped refusal without a code', new Error('Error: connect ECONNREFUSED 127.0.0.1:6379')],
    ['no offline queue', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
  ])('%s is a connection error', (_, error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([
    ['a reply error', named('ReplyError', 'ERR unknown command')],
    ['an out-of-memory reply', named('ReplyError', "OOM command not allowed when used memory > 'maxmemory'.")],
    ['a wrong password', named('ReplyError', 'WRONGPASS invalid username-password pair')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a code that is not a socket code', withCode('boom', 'ERR_SOMETHING')],
    ['a string', 'ECONNREFUSED'],
    ['undefined', undefined],
    ['null', null],
  ])('%s is not', (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});

describe('ConnectionStateLog', () => {
  it('logs once when Redis goes away and once when it is back, however often each is reported', () => {
    const { lines, log } = recorder();
    let now = 1_000;
    const state = new ConnectionStateLog(log, () => now);
    state.up(); // already reachable: nothing to say
    state.down(withCode('read ECONNRESET', 'ECONNRESET'));
    for (let i = 0; i < 50; i++) state.down(withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'));
    expect(state.reachable).toBe(false);
    now = 4_250;
    state.up();
    state.up();
    expect(state.reachable).toBe(true);

    expect(lines).toEqual([
      ['warn', { reason: 'read ECONNRESET' }, expect.stringContaining('Redis unreachable')],
      ['info', { down_ms: 3_250 }, 'Redis reachable again'],
    ]);
  });

  it('logs each outage of a flapping connection', () => {
    const { lines, log } = recorder();
    const state = new ConnectionStateLog(log);
    for (let i = 0; i < 3; i++) {
      state.down(new Error('Connection is closed.'));
      state.up();
    }
    expect(lines.map(([level]) => level)).toEqual(['warn', 'info', 'warn', 'info', 'warn', 'info']);
  });

  it('gives the reason without repeating a code the message already names', () => {
    const { lines, log } = recorder();
    const state = new ConnectionStateLog(log);
    state.down(withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'));
    state.up();
    state.down(withCode('socket hang up', 'ECONNRESET'));
    state.up();
    state.down('socket closed');
    expect(lines.filter(([level]) => level === 'warn').map(([, fields]) => fields.reason)).toEqual([
      'connect ECONNREFUSED 127.0.0.1:6379',
      'ECONNRESET: socket hang up',
      'socket closed',
    ]);
  });

  it('report() takes connection errors and hands back the others', () => {
    const { lines, log } = recorder();
    const state = new ConnectionStateLog(log);
    expect(state.report(named('ReplyError', 'ERR unknown command'))).toBe(false);
    expect(state.reachable).toBe(true);
    expect(state.report(new Error('Connection is closed.'))).toBe(true);
    expect(state.report(named('MaxRetriesPerRequestError', 'Reached the max retries'))).toBe(true);
    expect(state.reachable).toBe(false);
    expect(lines).toHaveLength(1);
  });

  it('watchClient() routes every client into one state, and other errors to their own handler', () => {
    const { lines, log } = recorder();
    const state = new ConnectionStateLog(log);
    const clients = [new EventEmitter(), new EventEmitter(), new EventEmitter()];
    const others: Error[] = [];
    for (const client of clients) state.watchClient(client, (error) => others.push(error));

    // Every client fails every reconnect attempt; a listener exists, so emit() does not throw.
    for (let attempt = 0; attempt < 10; attempt++) {
      for (const client of clients) client.emit('error', withCode('connect ECONNREFUSED 127.0.0.1:6379', 'ECONNREFUSED'));
    }
    const bug = named('ReplyError', 'NOSCRIPT No matching script');
    clients[1]!.emit('error', bug);
    // The first connection back is enough: Redis is reachable, the others follow.
    for (const client of clients) client.emit('ready');

    expect(lines.map(([level, , msg]) => [level, msg])).toEqual([
      ['warn', expect.stringContaining('Redis unreachable')],
      ['info', 'Redis reachable again'],
    ]);
    expect(others).toEqual([bug]);
  });

  it('watchErrors() takes errors only: a Worker or Queue says nothing about reconnections', () => {
    const { lines, log } = recorder();
    const state = new ConnectionStateLog(log);
    const queue = new EventEmitter();
    const others: Error[] = [];
    state.watchErrors(queue, (error) => others.push(error));
    queue.emit('error', new Error('Connection is closed.'));
    queue.emit('ready');
    expect(state.reachable).toBe(false);
    expect(lines).toHaveLength(1);
    expect(others).toEqual([]);
  });
});
