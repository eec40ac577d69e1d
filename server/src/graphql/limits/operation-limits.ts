import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { validate, type DocumentNode, type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { armorRejection } from './rejection.js';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

/** Armor would throw; reported as a validation error instead, the rejection gets its code and 400. */
function reportRejection(context: ValidationContext | null, error: GraphQLError): void {
  const refused = armorRejection(error, 'GRAPHQL_VALIDATION_FAILED');
  if (!context) throw refused;
  context.reportError(refused);
}

/** GraphQL Armor's depth, alias, directive and cost rules, each counting through fragments. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const onRejection = { propagateOnRejection: false, onReject: [reportRejection] };
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...onRejection }),
    maxAliasesRule({ n: limits.maxAliases, ...onRejection }),
    maxDirectivesRule({ n: limits.maxDirectives, ...onRejection }),
    // Armor's default weights (object 2, scalar 1, ×1.5 per level, fragments not flattened):
    // they grow with the selection's size and nesting, and a fragment spread repeated or
    // nested costs its whole fragment again. `__schema` is free, so GraphiQL's introspection
    // (87,000 otherwise) passes; graphql-js's MaxIntrospectionDepthRule bounds its nesting.
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, ...onRejection }),
  ];
}

/**
 * Checks the limits in a pass of their own before graphql-js's rules. In the single pass
 * graphql-js makes, a fragment written before the operation would have its selections
 * compared for overlaps (quadratic) before the operation's limits ever ran; here an
 * over-limit document costs one walk and skips the rest. Works wherever validation goes
 * through envelop: HTTP, SSE and the WebSocket server.
 */
export function useOperationLimits(limits: OperationLimits): Plugin {
  const rules = operationLimitRules(limits);
  // yoga hands the same DocumentNode for the same query text (its parse cache).
  const checked = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  return {
    onValidate({ params: { schema, documentAST }, setResult }) {
      let errors = checked.get(documentAST);
      if (!errors) {
        errors = validate(schema, documentAST, rules);
        checked.set(documentAST, errors);
      }
      if (errors.length > 0) setResult([...errors]);
    },
  };
}
