import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Rejects operations whose document is larger than `maxBytes`, before parsing. */
export function useDocumentSizeLimit(maxBytes: number): Plugin {
  return {
    onParams({ params }) {
      if (typeof params.query === 'string' && Buffer.byteLength(params.query) > maxBytes) {
        throw new GraphQLError(`Document is larger than ${maxBytes} bytes`, {
          extensions: { code: 'DOCUMENT_TOO_LARGE', http: { status: 413 } },
        });
      }
    },
  };
}
