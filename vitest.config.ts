import { defineConfig } from 'vitest/config';

// The project's own tests. Conformance suites under suites/ are run by the harness
// (src/harness/orchestrator.ts) against a profile, never directly by this config.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration tests start whole runs (each with its own workers): two files at a time fill this 2-core machine.
    maxWorkers: 2,
  },
});
