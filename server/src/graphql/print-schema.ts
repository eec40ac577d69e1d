import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema.js';

/** Writes the printed schema to `schema.graphql` at the repository root. */
export const schemaFile = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
export const printedSchema = () => `${printSchema(schema)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile, printedSchema());
  process.stdout.write(`wrote ${schemaFile}\n`);
}
