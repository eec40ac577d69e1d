import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga, maskError } from 'graphql-yoga';
import { createGraphQLErrorLog } from './error-log.js';

/** A yoga whose resolvers fail in the three ways that matter, logging JSON lines into `lines`. */
function yogaLoggingTo(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const expected = new Error('Redis is away');
  const errorLog = createGraphQLErrorLog(log, (error) =>
    (error as GraphQLError).originalError === expected ? 'warn' : maskError(error, 'Unexpected error.', false) !== error ? 'error' : undefined,
  );
  return createYoga<{ requestContext: { id: string; transport: string } }>({
    schema: createSchema({
      typeDefs: 'type Query { bug: Int, outage: Int, answer: Int }',
      resolvers: {
        Query: {
          bug: () => {
            throw new TypeError('cannot read x of undefined');
          },
          outage: () => {
            throw expected;
          },
          answer: () => {
            throw new GraphQLError('no such ticket', { extensions: { code: 'NOT_FOUND' } });
          },
        },
      },
    }),
    context: ({ requestContext }) => ({ requestContext }),
    logging: errorLog.logger,
    plugins: [errorLog.plugin],
  });
}

const ask = (yoga: ReturnType<typeof yogaLoggingTo>, query: string, id: string) =>
  yoga.fetch(
    new Request('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }),
    { requestContext: { id, transport: 'http' } },
  );

describe('createGraphQLErrorLog', () => {
  it('logs an unexpected error once, with the request id, while the client sees it masked', async () => {
    const lines: Record<string, unknown>[] = [];
    const response = await ask(yogaLoggingTo(lines), '{ bug }', 'req-1');
    expect((await response.json()) as unknown).toMatchObject({ errors: [{ message: 'Unexpected error.' }] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, reqId: 'req-1', transport: 'http', msg: 'GraphQL operation failed' });
    expect(JSON.stringify(lines[0]!.err)).toContain('cannot read x of undefined');
  });

  it('logs an expected failure as a warning, and an error meant for the client not at all', async () => {
    const lines: Record<string, unknown>[] = [];
    const yoga = yogaLoggingTo(lines);
    await ask(yoga, '{ outage }', 'req-2');
    await ask(yoga, '{ answer }', 'req-3');
    expect(lines.map((l) => [l.level, l.reqId])).toEqual([[40, 'req-2']]);
  });
});
