import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { useErrorHandler, type Plugin } from 'graphql-yoga';

/** Introspection and "Did you mean …?" hints; GRAPHQL_INTROSPECTION overrides the NODE_ENV default. */
export function schemaDiscoveryEnabled(config: { GRAPHQL_INTROSPECTION?: boolean | undefined; NODE_ENV: string }): boolean {
  return config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production';
}

// graphql-js's didYouMean: ` Did you mean "a", "b", or "c"?`, ` Did you mean the enum value "X"?`.
// GraphQL names cannot contain "?", so the match ends at the hint's own question mark.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Keeps clients from mapping the schema: introspection (`__schema`, `__type`) is refused
 * in validation, and suggestions are cut from every error message. GraphQL Armor's
 * block-field-suggestions is not enough: it rewrites validation errors only, while input
 * field and enum value names also come back from variable coercion during execution.
 */
export function useNoSchemaDiscovery(): Plugin[] {
  return [
    {
      onValidate({ addValidationRule }) {
        addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    },
    useErrorHandler(({ errors }) => {
      for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
    }),
  ];
}
