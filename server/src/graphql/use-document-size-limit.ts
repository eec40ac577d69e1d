import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The error for a document larger than `maxBytes`, or undefined when it fits. */
export function documentSizeError(query: unknown, maxBytes: number): GraphQLError | undefined {
  if (typeof query !== 'string' || Buffer.byteLength(query) <= maxBytes) return undefined;
  return new GraphQLError(`Document is larger than ${maxBytes} bytes`, {
    extensions: { code: 'DOCUMENT_TOO_LARGE', http: { status: 413 } },
  });
}

/** Rejects operations whose document is larger than `maxBytes`, before parsing. */
export function useDocumentSizeLimit(maxBytes: number): Plugin {
  return {
    onParams({ params }) {
      const error = documentSizeError(params.query, maxBytes);
      if (error) throw error;
    },
  };
}
