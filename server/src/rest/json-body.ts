import type { FastifyInstance } from 'fastify';
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

/** A request body that is not JSON; rendered as FastAPI's 422 `json_invalid`. */
export class JsonDecodeError extends Error {
  constructor(
    /** Character offset of the first error, as Python's `JSONDecodeError.pos`. */
    readonly position: number,
    /** Python's wording of the problem (FastAPI puts it in `ctx.error`). */
    readonly reason: string,
  ) {
    super(`JSON decode error at ${position}: ${reason}`);
    this.name = 'JsonDecodeError';
  }
}

/** jsonc-parser's error names → Python's `json` wording. */
const PYTHON_REASON: Record<string, string> = {
  ValueExpected: 'Expecting value',
  InvalidSymbol: 'Expecting value',
  ColonExpected: "Expecting ':' delimiter",
  CommaExpected: "Expecting ',' delimiter",
  PropertyNameExpected: 'Expecting property name enclosed in double quotes',
  CloseBraceExpected: "Expecting ',' delimiter",
  CloseBracketExpected: "Expecting ',' delimiter",
  EndOfFileExpected: 'Extra data',
};

/**
 * Where and why `text` is not JSON. V8's messages often omit the position, so the text
 * is scanned again (only on this error path) by a strict JSON scanner.
 */
function decodeError(text: string, error: Error): JsonDecodeError {
  let first: { code: ParseErrorCode; offset: number } | undefined;
  visit(text, { onError: (code, offset) => void (first ??= { code, offset }) }, { disallowComments: true, allowTrailingComma: false });
  if (!first) return new JsonDecodeError(0, error.message);
  const extraData = first.offset > 0 && /after JSON/.test(error.message);
  // Python counts code points where JavaScript counts UTF-16 units (an emoji is two).
  const position = [...text.slice(0, first.offset)].length;
  return new JsonDecodeError(position, extraData ? 'Extra data' : (PYTHON_REASON[printParseErrorCode(first.code)] ?? error.message));
}

/**
 * JSON bodies as FastAPI reads them: an empty body is no body (a `DELETE` sent with
 * `Content-Type: application/json` and nothing else is fine; a route that needs a body
 * then says "Field required"), and malformed JSON is a 422 naming the position.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  // Fastify's own parser, so prototype-poisoning protection stays as it was.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // The body was read as UTF-8; another charset would be silently mangled (é → U+FFFD).
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(Object.assign(new Error(`Unsupported charset: ${charset}; send JSON as UTF-8`), { statusCode: 415 }), undefined);
    }
    const text = body as string;
    if (text === '') return done(null, undefined);
    parseJson(request, text, (error, value) => (error ? done(decodeError(text, error), undefined) : done(null, value)));
  });
}
