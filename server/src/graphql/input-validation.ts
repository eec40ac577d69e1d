import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { toFieldErrors, ValidationError, type FieldError } from '@iq/core';

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `['input', 2, 'ticket_id']` → `input[2].ticketId`: the name a GraphQL client sent. */
export function fieldPath(loc: FieldError['loc']): string {
  return loc.reduce<string>(
    (path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${camel(part)}` : camel(part)),
    '',
  );
}

/**
 * A ValidationError as GraphQL clients read it: `extensions.code = BAD_USER_INPUT`, a
 * message naming every bad field by its GraphQL name, and the fields one by one. `at`,
 * when given, is the failed field's place in the answer.
 */
export function badUserInput(error: ValidationError, at?: GraphQLError): GraphQLError {
  return new GraphQLError(error.errors.map((e) => `${fieldPath(e.loc)}: ${e.msg}`).join('; '), {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    extensions: {
      code: 'BAD_USER_INPUT',
      fields: error.errors.map((e) => ({ field: fieldPath(e.loc), message: e.msg, type: e.type })),
    },
  });
}

/**
 * Parses resolver input with a core zod schema. A failure is thrown already rendered
 * (badUserInput), so the resolver's caller sees a GraphQL error whatever catches it.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, path: (string | number)[]): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw badUserInput(new ValidationError(toFieldErrors(result.error, path)));
}

const schemas = new WeakMap<object, Map<(key: never) => z.ZodType, z.ZodType>>();

/**
 * `build(key)`, built once per key object and builder and reused afterwards: building a
 * zod schema (and zod compiling it on its first parse) costs ~50× a parse, so resolvers
 * must not build theirs per request. The key is what the schema depends on, e.g. the
 * Services' ticket limits; a new key (new Services) gets its own schema.
 */
export function schemaFor<K extends object, S extends z.ZodType>(key: K, build: (key: K) => S): S {
  let byBuilder = schemas.get(key);
  if (!byBuilder) schemas.set(key, (byBuilder = new Map()));
  let schema = byBuilder.get(build as (key: never) => z.ZodType);
  if (!schema) byBuilder.set(build as (key: never) => z.ZodType, (schema = build(key)));
  return schema as S;
}
