/**
 * The domain: tickets, their limits and validation, categories, priority and thresholds,
 * the activity-event contract and the error vocabulary. No I/O and browser-safe (zod is
 * its only dependency): the dashboard imports it as `@iq/core/domain`, and a test keeps
 * Redis clients, BullMQ, pino and transformers.js out of it.
 */
export * from './ticket.js';
export * from './limits.js';
export * from './validation.js';
export * from './errors.js';
export * from './category.js';
export * from './priority.js';
export * from './urgency-override.js';
export * from './lease.js';
export * from './activity-events.js';
export * from './paging.js';
export * from './queue-view.js';
export * from './failed-job.js';
export * from './team.js';
