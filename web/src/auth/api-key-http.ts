import type { ApiKeyStore } from './api-key-store';

export type Fetch = typeof fetch;

export const bearer = (key: string) => `Bearer ${key}`;

// Looked up at call time, so a test's stubbed global is the one used.
const globalFetch: Fetch = (input, init) => fetch(input, init);

/**
 * `fetch` for the urql client: sends the session's key (if any) as `Authorization`,
 * read when each request goes out, and reports a 401 to the store together with the
 * key that request carried, so a late answer to an old request is told apart.
 */
export function authorizedFetch(keys: ApiKeyStore, base: Fetch = globalFetch): Fetch {
  return async (input, init) => {
    const key = keys.current();
    const headers = new Headers(init?.headers);
    if (key !== null) headers.set('Authorization', bearer(key));
    const response = await base(input, { ...init, headers });
    if (response.status === 401) keys.unauthorized(key);
    return response;
  };
}

export type KeyVerdict = 'accepted' | 'rejected';

/**
 * Asks the API whether it knows `key`, before the dashboard starts using it. The query
 * names no field, so any known key passes whatever its role (403 would still mean a
 * known key); only an unknown one is answered 401. Goes around the urql client on
 * purpose: a refused candidate must not count as the session's key being refused.
 * Rejects when the API cannot be reached or gives no verdict (rate limit, outage).
 */
export async function checkApiKey(key: string, base: Fetch = globalFetch, url = '/graphql'): Promise<KeyVerdict> {
  const response = await base(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: bearer(key) },
    body: JSON.stringify({ query: 'query ApiKeyCheck { __typename }', operationName: 'ApiKeyCheck' }),
  });
  if (response.status === 401) return 'rejected';
  if (response.ok || response.status === 403) return 'accepted';
  throw new Error(`the API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
}
