import { getOperationAST, Kind, type DocumentNode, type FieldNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PAGE_DEFAULT_LIMIT } from '@iq/core/domain';
import { rejection } from './rejection.js';

type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** Items in a list argument, as GraphQL will coerce it: a single value counts as a list of one. */
function itemCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value === null || value === undefined ? 0 : 1;
}

/**
 * Sums `weigh(field)` over every field of an operation's top-level selection, across
 * aliases, fragments and inline fragments. Fields under @skip/@include count too:
 * over-counting can only refuse a document that asks for more than a cap. `items` reads
 * a list argument as GraphQL will coerce it, from the variables sent or their defaults.
 */
export function sumOverFields(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  weigh: (field: FieldNode, items: (value: ValueNode) => number, scalar: (value: ValueNode) => unknown) => number,
  operationTypes: readonly string[],
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation || !operationTypes.includes(operation.operation)) return 0;
  const defaults = new Map(operation.variableDefinitions?.map((d) => [d.variable.name.value, d.defaultValue]));
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );

  const variable = (name: string): { found: boolean; value?: unknown; fallback?: ValueNode } => {
    if (variables && Object.hasOwn(variables, name)) return { found: true, value: variables[name] };
    return { found: false, fallback: defaults.get(name) };
  };
  const items = (value: ValueNode): number => {
    switch (value.kind) {
      case Kind.LIST:
        return value.values.length;
      case Kind.NULL:
        return 0;
      case Kind.VARIABLE: {
        const v = variable(value.name.value);
        if (v.found) return itemCount(v.value);
        return v.fallback ? items(v.fallback) : 0;
      }
      default:
        return 1;
    }
  };
  const scalar = (value: ValueNode): unknown => {
    switch (value.kind) {
      case Kind.INT:
      case Kind.FLOAT:
        return Number(value.value);
      case Kind.VARIABLE: {
        const v = variable(value.name.value);
        if (v.found) return v.value;
        return v.fallback ? scalar(v.fallback) : undefined;
      }
      default:
        return undefined;
    }
  };

  // Validation has refused fragment cycles already; the memo keeps a fragment spread
  // many times from being walked many times.
  const fragmentCounts = new Map<string, number>();
  const count = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (!fragmentCounts.has(name)) {
          fragmentCounts.set(name, 0);
          const fragment = fragments.get(name);
          fragmentCounts.set(name, fragment ? count(fragment) : 0);
        }
        total += fragmentCounts.get(name)!;
      } else {
        total += weigh(selection, items, scalar);
      }
    }
    return total;
  };
  return count(operation.selectionSet);
}

const argument = (field: FieldNode, name: string) => field.arguments?.find((a) => a.name.value === name)?.value;

/** How many tickets an operation would submit: 1 per submitTicket, the length of `input` per submitBatch. */
export const countSubmittedTickets = (document: DocumentNode, operationName: string | null | undefined, variables: Variables): number =>
  sumOverFields(
    document,
    operationName,
    variables,
    (field, items) => {
      if (field.name.value === 'submitTicket') return 1;
      if (field.name.value !== 'submitBatch') return 0;
      const input = argument(field, 'input');
      return input ? items(input) : 0;
    },
    ['mutation'],
  );

/** The list fields that read many records, and the page size each returns without a `limit`. */
const LIST_FIELDS: Record<string, number> = {
  queue: PAGE_DEFAULT_LIMIT,
  activity: PAGE_DEFAULT_LIMIT,
  claimed: PAGE_DEFAULT_LIMIT,
  webhookDeliveries: PAGE_DEFAULT_LIMIT,
};

/** How many records an operation's list fields (queue, activity, claimed, webhookDeliveries) may return in all. */
export const countListedItems = (document: DocumentNode, operationName: string | null | undefined, variables: Variables): number =>
  sumOverFields(
    document,
    operationName,
    variables,
    (field, _items, scalar) => {
      const fallback = LIST_FIELDS[field.name.value];
      if (fallback === undefined) return 0;
      const limitNode = argument(field, 'limit');
      const limit = limitNode ? scalar(limitNode) : fallback;
      return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : fallback;
    },
    ['query', 'subscription'],
  );

/**
 * Refuses, before anything is enqueued, an operation that would submit more than
 * `maxTickets` tickets: submitBatch takes at most that many per call, and aliases must not
 * multiply it. Checked when execution starts, since the count depends on the variables;
 * the WebSocket server executes through the same envelop, so it applies there too.
 */
export function useSubmissionCap(maxTickets: number, maxListItems: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      // Aliases of queue(limit: 1000) would multiply one page into one huge answer.
      const listed = countListedItems(args.document, args.operationName, args.variableValues);
      if (listed > maxListItems) {
        const message =
          `An operation may read at most ${maxListItems} records from queue, activity and claimed in all; this one asks for ${listed} ` +
          '(the sum of their limits across all aliases).';
        return setResultAndStopExecution({ errors: [rejection(message, 'BAD_USER_INPUT')] });
      }
      const submitted = countSubmittedTickets(args.document, args.operationName, args.variableValues);
      if (submitted <= maxTickets) return;
      const message =
        `An operation may submit at most ${maxTickets} tickets; this one submits ${submitted} ` +
        '(submitTicket counts 1, submitBatch the length of its input, across all aliases).';
      setResultAndStopExecution({ errors: [rejection(message, 'BAD_USER_INPUT')] });
    },
  };
}
