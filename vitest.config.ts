import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two test files at a time: the suite's CPU-bound files share the two cores
    // of the smallest machine it runs on (vitest would otherwise start one
    // worker there).
    maxWorkers: 2,
    // Cases that convert megabytes set longer timeouts of their own.
    testTimeout: 30_000,
  },
});
