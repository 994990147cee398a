import { defineConfig } from 'vitest/config';

// The project's own tests. Conformance suites under suites/ are run by the harness
// (src/harness/orchestrator.ts) against a profile, never directly by this config.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
