import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Fault tests kill processes and time recoveries: one file at a time, so they do not
// compete with each other (or with the integration tests) for the two cores. The base
// config's include is replaced, not merged (mergeConfig would concatenate the lists).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['faults/**/*.test.ts'],
    testTimeout: 120_000,
    maxWorkers: 1,
  },
});
