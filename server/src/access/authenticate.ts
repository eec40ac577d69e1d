import { ANONYMOUS, type Principal } from '@iq/core';
import type { AccessSetup } from './access-setup.js';

export type Authentication = { ok: true; principal: Principal } | { ok: false; message: string };

export const KEY_REQUIRED = 'An API key is required: send Authorization: Bearer <key>';

/**
 * The one check every transport makes — REST and GraphQL over HTTP and SSE with the
 * `Authorization` header, graphql-ws with the same value in its connection_init payload.
 */
export function authenticate(authorization: unknown, access: AccessSetup): Authentication {
  if (!access.required) return { ok: true, principal: ANONYMOUS };
  if (typeof authorization !== 'string' || authorization.trim() === '') return { ok: false, message: KEY_REQUIRED };
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match) return { ok: false, message: 'The Authorization header must be "Bearer <key>"' };
  const principal = access.ring.identify(match[1]!);
  return principal ? { ok: true, principal } : { ok: false, message: 'Unknown API key' };
}
