import type { FastifySchemaCompiler } from 'fastify';
import { toFieldErrors, ValidationError } from '@iq/core';
import type { z } from 'zod';

const locRoot: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/**
 * Validates route input with the zod schemas declared on each route, producing the
 * core ValidationError (rendered as a FastAPI-style 422 by the error handler).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // Fastify hands a missing body over as null. FastAPI also reads a JSON `null` body
    // as no body, so both are "Field required" rather than a type error.
    const input = httpPart === 'body' && data === null ? undefined : data;
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new ValidationError(toFieldErrors(result.error, [locRoot[httpPart ?? 'body'] ?? 'body'], input)) };
  };
