import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { ACTIONS, allows, rolesFor, type Action } from '@iq/core';
import type { RequestAccess } from '../access/request-access.js';
import type { RequestContext } from '../request-context.js';
import { forbidden } from '../access/access-hook.js';
import type { Services } from '../services.js';

/** What every resolver gets: the process's shared services, who is calling, and the request's context. */
export interface GraphQLContext {
  services: Services;
  access: RequestAccess;
  requestContext: RequestContext;
}

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  AuthScopes: Record<Action, boolean>;
  Scalars: {
    ID: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin],
  scopeAuth: {
    // A subscription is refused when it starts, not after its first event.
    authorizeOnSubscribe: true,
    authScopes: ({ access }) =>
      Object.fromEntries((Object.keys(ACTIONS) as Action[]).map((action) => [action, allows(access.principal.roles, action)])) as Record<
        Action,
        boolean
      >,
    unauthorizedError: (_parent, { access }, info) => {
      const needed = neededRoles(info.parentType.getFields()[info.fieldName]?.extensions);
      return new GraphQLError(forbidden(access.principal, needed), { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    },
  },
});

/** The roles named by a field's authScopes, for the error message. */
function neededRoles(extensions: unknown): readonly string[] {
  const scopes = (extensions as { pothosOptions?: { authScopes?: Partial<Record<Action, boolean>> } } | undefined)?.pothosOptions?.authScopes;
  const actions = Object.keys(scopes ?? {}) as Action[];
  return [...new Set(actions.flatMap((action) => rolesFor(action)))];
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
