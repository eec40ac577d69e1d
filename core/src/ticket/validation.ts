import type { z } from 'zod';

/** One invalid field, FastAPI-style: `loc` is the path to it, `type` a stable code. */
export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** Thrown at the edges when input does not parse; the adapters render it. */
export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.loc.join('.')}: ${e.msg}`).join('; '));
    this.name = 'ValidationError';
  }
}

/**
 * Whether an `invalid_type` issue is a missing field. zod 4 keeps `issue.input` only when
 * parsing with `{ reportInput: true }`; for issues from a plain `safeParse` (as the
 * adapters do) fall back to the default message, which ends in "received undefined".
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code !== 'invalid_type') return false;
  if ('input' in issue) return issue.input === undefined;
  return /\breceived undefined$/.test(issue.message);
}

function issueType(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? 'missing' : `${issue.expected}_type`;
    case 'too_small':
      return issue.origin === 'string' ? 'string_too_short' : issue.origin === 'array' ? 'too_short' : 'greater_than_equal';
    case 'too_big':
      return issue.origin === 'string' ? 'string_too_long' : issue.origin === 'array' ? 'too_long' : 'less_than_equal';
    case 'invalid_format':
      return 'string_pattern_mismatch';
    case 'custom':
      return 'value_error';
    default:
      return issue.code;
  }
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return 'Field required';
  return issue.message;
}

/** Converts zod issues to field errors whose `loc` starts with `prefix` (e.g. `['body']`). */
export function toFieldErrors(error: z.ZodError, prefix: (string | number)[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    loc: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    msg: issueMessage(issue),
    type: issueType(issue),
  }));
}

/** Parses `value` or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, prefix));
  return result.data;
}
