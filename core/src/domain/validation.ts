import { z } from 'zod';
import { ValidationError, type FieldError } from './errors.js';

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

/** pydantic's codes where they differ from `<expected>_type`. */
const PYDANTIC_TYPE: Record<string, string> = {
  object: 'model_attributes_type',
  array: 'list_type',
  number: 'int_parsing', // the only numbers are query parameters, parsed from strings
  int: 'int_parsing',
  boolean: 'bool_type',
};

function issueType(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? 'missing' : (PYDANTIC_TYPE[issue.expected] ?? `${issue.expected}_type`);
    case 'too_small':
      return issue.origin === 'string' ? 'string_too_short' : issue.origin === 'array' ? 'too_short' : 'greater_than_equal';
    case 'too_big':
      return issue.origin === 'string' ? 'string_too_long' : issue.origin === 'array' ? 'too_long' : 'less_than_equal';
    case 'invalid_format':
      return 'string_pattern_mismatch';
    case 'custom':
      return typeof issue.params?.pydantic_type === 'string' ? issue.params.pydantic_type : 'value_error';
    default:
      return issue.code;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** pydantic's wording, which clients of the original may show or match on. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return 'Field required';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'string') return 'Input should be a valid string';
      if (issue.expected === 'object') return 'Input should be a valid dictionary or object to extract fields from';
      if (issue.expected === 'array') return 'Input should be a valid list';
      if (issue.expected === 'number' || issue.expected === 'int') return 'Input should be a valid integer';
      return issue.message;
    case 'too_big':
      if (issue.origin === 'string') return `String should have at most ${plural(Number(issue.maximum), 'character')}`;
      if (issue.origin === 'array') return `List should have at most ${plural(Number(issue.maximum), 'item')}`;
      return `Input should be less than or equal to ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return `String should have at least ${plural(Number(issue.minimum), 'character')}`;
      if (issue.origin === 'array') return `List should have at least ${plural(Number(issue.minimum), 'item')}`;
      return `Input should be greater than or equal to ${issue.minimum}`;
    default:
      return issue.message;
  }
}

/**
 * A JSON number between `min` and `max`: pydantic's `float`. zod reports a non-number the
 * same way for integers and floats (and the integers here are query parameters), so this
 * names pydantic's float errors itself; a missing value and the bounds report as usual.
 */
export function floatSchema(min: number, max: number) {
  return z.preprocess((value, ctx) => {
    if ((typeof value === 'number' && Number.isFinite(value)) || value === undefined) return value;
    if (typeof value === 'number') {
      // 1e400 in JSON is Infinity here; pydantic (allow_inf_nan=False) words it so.
      ctx.addIssue({ code: 'custom', input: value, message: 'Input should be a finite number', params: { pydantic_type: 'finite_number' } });
      return value;
    }
    const unparsable = typeof value === 'string';
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: unparsable ? 'Input should be a valid number, unable to parse string as a number' : 'Input should be a valid number',
      params: { pydantic_type: unparsable ? 'float_parsing' : 'float_type' },
    });
    return value;
  }, z.number().min(min).max(max));
}

/** The value at `path` inside `root`, or undefined when the path leads nowhere. */
function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Converts zod issues to field errors whose `loc` starts with `prefix` (e.g. `['body']`).
 * Pass the parsed `input` to report, for a missing field, the object it is missing from.
 */
export function toFieldErrors(error: z.ZodError, prefix: (string | number)[] = [], input?: unknown): FieldError[] {
  return error.issues.map((issue) => {
    const rejected = isMissing(issue) ? valueAt(input, issue.path.slice(0, -1)) : 'input' in issue ? issue.input : undefined;
    return {
      type: issueType(issue),
      loc: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      msg: issueMessage(issue),
      input: rejected ?? null,
    };
  });
}

/** Parses `value` or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, prefix, value));
  return result.data;
}
