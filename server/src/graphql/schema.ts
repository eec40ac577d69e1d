import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './ticket.js';
import './queue.js';
import './submission.js';
import './job.js';
import './failed-jobs.js';
import './activity.js';
import './queue-stats.js';
import './health.js';
import './urgency.js';
import './urgency-override.js';
import './claims.js';
import './webhooks.js';

/** The whole GraphQL schema, code-first; `schema.graphql` is its printed form. */
export const schema = lexicographicSortSchema(builder.toSchema());
