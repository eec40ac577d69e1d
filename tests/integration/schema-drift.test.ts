import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFile } from '@iq/server/schema';

const repoSchemaFile = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

describe('schema.graphql', () => {
  it('is the file at the repository root that `npm run schema:print` writes', () => {
    expect(schemaFile).toBe(repoSchemaFile);
  });

  it('is identical to the schema the code builds', () => {
    const checkedIn = readFileSync(repoSchemaFile, 'utf8');
    const current = printedSchema();
    const hint =
      'schema.graphql at the repository root is out of date with the Pothos schema in server/src/graphql. ' +
      'Run `npm run schema:print` at the repository root and commit schema.graphql.';
    expect(checkedIn.length, hint).toBeGreaterThan(0);
    expect(checkedIn, hint).toBe(current);
  });

  it('still carries every type and field of the public contract with the same signature', () => {
    // The contract from API.md (Health and JSON are the implementation's to shape), with
    // issue 15's optional team arguments (the issue is newer than API.md).
    const contract = buildSchema(`
      scalar JSON
      type Health { status: String! }
      enum Category { BILLING TECHNICAL LEGAL GENERAL }
      enum JobState { WAITING ACTIVE COMPLETED FAILED UNKNOWN }
      input TicketInput { ticketId: ID  subject: String!  body: String!  customerId: String  channel: String }
      type Submission { ticketId: ID!  jobId: ID!  duplicate: Boolean! }
      type Ticket {
        ticketId: ID!  jobId: ID!  subject: String!  body: String!
        customerId: String  channel: String
        category: Category!  urgencyScore: Float!  isUrgent: Boolean!  priorityScore: Int!
        model: String!  createdAt: String!  processedAt: String!
      }
      type ActivityEvent { id: ID!  ts: String!  type: String!  ticketId: ID  data: JSON }
      type Job { id: ID!  ticketId: ID  state: JobState! }
      type UrgencyScore { urgencyScore: Float!  isUrgent: Boolean!  model: String! }
      type QueueStats { size: Int!  waiting: Int!  active: Int!  failed: Int! }
      type Query {
        health: Health!
        queue(limit: Int = 100, offset: Int = 0): [Ticket!]!
        queueSize(team: String): Int!
        queueStats: QueueStats!
        peek(teams: [String!]): Ticket
        job(id: ID!): Job
        activity(limit: Int = 100): [ActivityEvent!]!
        urgencyScore(text: String!): UrgencyScore!
      }
      type Mutation {
        submitTicket(input: TicketInput!): Submission!
        submitBatch(input: [TicketInput!]!): [Submission!]!
        popNext(teams: [String!]): Ticket
        clearQueue: Int!
      }
      type Subscription { activity: ActivityEvent!  queueStats: QueueStats! }
    `);
    const actual: GraphQLSchema = buildSchema(printedSchema());

    interface FieldLike {
      type: unknown;
      args?: readonly { name: string; type: unknown; defaultValue?: unknown }[];
    }
    const signature = (field: FieldLike) =>
      `${String(field.type)}(${(field.args ?? [])
        .map((a) => `${a.name}: ${String(a.type)}${a.defaultValue === undefined ? '' : ` = ${JSON.stringify(a.defaultValue)}`}`)
        .join(', ')})`;

    const mismatches: string[] = [];
    for (const type of Object.values(contract.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID', 'JSON'].includes(type.name)) continue;
      const mine = actual.getType(type.name);
      if (!mine) {
        mismatches.push(`missing type ${type.name}`);
        continue;
      }
      if (Object.getPrototypeOf(mine) !== Object.getPrototypeOf(type)) {
        mismatches.push(`${type.name} is a ${mine.constructor.name} instead of a ${type.constructor.name}`);
        continue;
      }
      if (type.name === 'Health') {
        expect(isObjectType(mine) && isNonNullType(mine.getFields().status?.type)).toBe(true);
        continue;
      }
      if ('getValues' in type && 'getValues' in mine) {
        const want = type.getValues().map((v) => v.name).sort();
        const have = mine.getValues().map((v) => v.name).sort();
        if (JSON.stringify(want) !== JSON.stringify(have)) mismatches.push(`${type.name}: values ${have} instead of ${want}`);
        continue;
      }
      if ('getFields' in type && 'getFields' in mine) {
        const have: Record<string, FieldLike> = mine.getFields();
        for (const [name, field] of Object.entries<FieldLike>(type.getFields())) {
          const got = have[name];
          if (!got) mismatches.push(`${type.name}.${name} is missing`);
          else if (signature(got) !== signature(field)) mismatches.push(`${type.name}.${name}: ${signature(got)} instead of ${signature(field)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
