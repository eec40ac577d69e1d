import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { toFieldErrors, type FieldError } from '@iq/core';

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `['input', 2, 'ticket_id']` → `input[2].ticketId`: the name a GraphQL client sent. */
export function fieldPath(loc: FieldError['loc']): string {
  return loc.reduce<string>(
    (path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${camel(part)}` : camel(part)),
    '',
  );
}

/**
 * Parses resolver input with a core zod schema; a failure becomes a GraphQL error with
 * `extensions.code = BAD_USER_INPUT` whose message names every bad field.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, path: (string | number)[]): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error, path);
  throw new GraphQLError(errors.map((e) => `${fieldPath(e.loc)}: ${e.msg}`).join('; '), {
    extensions: {
      code: 'BAD_USER_INPUT',
      fields: errors.map((e) => ({ field: fieldPath(e.loc), message: e.msg, type: e.type })),
    },
  });
}
