import type { Fetch } from '../auth/api-key-http';

export type Role = 'submit' | 'agent' | 'admin';

/** What the fake API answers an operation with: a GraphQL response body, optionally a status. */
export type Answer = (variables: Record<string, unknown>, role: Role | null) => { status?: number; body: unknown };

export interface SentRequest {
  url: string;
  operationName: string;
  /** The Authorization header as sent, or null. */
  authorization: string | null;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/**
 * A stand-in for the API's HTTP /graphql as a `fetch`, keeping the key contract: with
 * `keys` set, a missing or unknown Bearer key gets 401 + `WWW-Authenticate: Bearer`;
 * with `keys: null` the API runs without keys and ignores the header.
 */
export function fakeApi(options: { keys: Record<string, Role> | null; answers: Record<string, Answer> }) {
  const requests: SentRequest[] = [];
  const fetch: Fetch = async (input, init) => {
    const authorization = new Headers(init?.headers).get('Authorization');
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Record<string, unknown> };
    requests.push({ url: String(input), operationName: body.operationName, authorization });
    let role: Role | null = null;
    if (options.keys) {
      const key = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null;
      role = key === null ? null : (options.keys[key] ?? null);
      if (role === null) {
        const message = key === null ? 'An API key is required: send Authorization: Bearer <key>' : 'Unknown API key';
        const body = { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
        return json(401, body, { 'WWW-Authenticate': 'Bearer' });
      }
    }
    const answer = options.answers[body.operationName];
    if (!answer) return json(200, { data: { __typename: 'Query' } });
    const { status = 200, body: response } = answer(body.variables ?? {}, role);
    return json(status, response);
  };
  return { fetch, requests, of: (name: string) => requests.filter((r) => r.operationName === name) };
}

/** A FORBIDDEN answer, as the API gives it when that is the only error. */
export const forbidden = (field: string) => ({
  status: 403,
  body: {
    data: null,
    errors: [{ message: `Your key's role may not use ${field}`, path: [field], extensions: { code: 'FORBIDDEN' } }],
  },
});
