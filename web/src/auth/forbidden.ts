import type { CombinedError } from '@urql/core';

/** Shown where an action failed because the key's role does not cover it. */
export const FORBIDDEN_MESSAGE = "This key's role may not do that";

export function isForbidden(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
}

/** The text for a failed operation: the role message for FORBIDDEN, else the error's own. */
export function errorText(error: CombinedError): string {
  return isForbidden(error) ? FORBIDDEN_MESSAGE : error.message;
}
