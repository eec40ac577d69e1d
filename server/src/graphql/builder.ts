import SchemaBuilder from '@pothos/core';
import type { Services } from '../services.js';

/** What every resolver gets: the process's shared services. */
export interface GraphQLContext {
  services: Services;
}

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({ defaultFieldNullability: false });

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
