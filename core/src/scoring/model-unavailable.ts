/**
 * The transformer model could not be loaded; the message says which, from where, and why.
 * In a module of its own so that catching it does not load transformers.js (~160 MiB).
 */
export class ModelUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelUnavailableError';
  }
}
