import { valueFromASTUntyped } from 'graphql';
import { builder } from './builder.js';

/** Arbitrary JSON (activity event data). */
export const JSONScalar = builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
