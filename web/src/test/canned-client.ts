import { Client, getOperationName, makeResult, type Exchange, type Operation } from '@urql/core';
import { filter, fromPromise, makeSubject, map, mergeMap, onEnd, pipe, takeUntil, type Subject } from 'wonka';

/** What a canned handler answers: a GraphQL response body. */
export interface CannedResponse {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export type Handler = (variables: Record<string, unknown>, op: Operation) => CannedResponse | Promise<CannedResponse>;

export interface Canned {
  client: Client;
  /** Every query / mutation sent, in order: operation name and variables. */
  calls: { name: string; variables: Record<string, unknown> }[];
  /** Pushes a payload to every open subscription with this operation name. */
  push(name: string, data: unknown): void;
  /** How many subscriptions with this operation name are open. */
  open(name: string): number;
}

/**
 * A real urql Client whose only exchange answers from `handlers` (by operation name)
 * and serves subscriptions from in-test subjects. No network.
 */
export function cannedClient(handlers: Record<string, Handler>): Canned {
  const calls: Canned['calls'] = [];
  const subjects = new Map<string, Set<Subject<unknown>>>();

  const exchange: Exchange =
    () =>
    (ops$) => {
      const teardownOf = (op: Operation) =>
        pipe(
          ops$,
          filter((t) => t.kind === 'teardown' && t.key === op.key),
        );
      return pipe(
        ops$,
        filter((op) => op.kind !== 'teardown'),
        mergeMap((op) => {
          const name = getOperationName(op.query) ?? '';
          const variables = (op.variables ?? {}) as Record<string, unknown>;
          if (op.kind === 'subscription') {
            const subject = makeSubject<unknown>();
            const set = subjects.get(name) ?? new Set();
            set.add(subject);
            subjects.set(name, set);
            return pipe(
              subject.source,
              map((data) => makeResult(op, { data: data as never })),
              onEnd(() => set.delete(subject)),
              takeUntil(teardownOf(op)),
            );
          }
          // As with urql's fetchExchange, the request goes out a microtask after the
          // operation, so one torn down at once (useQuery reads its first result during
          // render, then subscribes again in an effect) is never sent, nor counted.
          return pipe(
            fromPromise(Promise.resolve()),
            mergeMap(() => {
              calls.push({ name, variables });
              const handler = handlers[name];
              const response = handler
                ? Promise.resolve(handler(variables, op))
                : Promise.resolve<CannedResponse>({ errors: [{ message: `no canned answer for ${name}` }] });
              return fromPromise(response);
            }),
            map((body) => makeResult(op, body as never)),
            takeUntil(teardownOf(op)),
          );
        }),
      );
    };

  const client = new Client({ url: 'http://test.invalid/graphql', exchanges: [exchange] });
  return {
    client,
    calls,
    push(name, data) {
      for (const subject of subjects.get(name) ?? []) subject.next(data);
    },
    open: (name) => subjects.get(name)?.size ?? 0,
  };
}

/** A wire-format activity event for canned answers. */
export function wireEvent(id: string, type: string, data: Record<string, unknown> = {}, ts?: string) {
  const ms = Number(id.split('-')[0]);
  return {
    __typename: 'ActivityEvent',
    id,
    ts: ts ?? new Date(ms).toISOString(),
    type,
    ticketId: typeof data.ticket_id === 'string' ? data.ticket_id : null,
    data,
  };
}
