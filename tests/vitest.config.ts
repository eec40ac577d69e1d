import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; Pothos and yoga's dependencies load the CJS one,
    // so test code must too, or graphql sees two "realms" of its own classes.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['integration/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Each file starts its own redis-server, API and worker(s).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
