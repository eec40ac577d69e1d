import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// Fault tests kill processes and time recoveries: one file at a time, so they do not
// compete with each other (or with the integration tests) for the two cores.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['faults/**/*.test.ts'],
      testTimeout: 120_000,
      maxWorkers: 1,
    },
  }),
);
