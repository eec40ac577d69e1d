export * from './metrics.js';
export * from './queue-snapshot.js';
