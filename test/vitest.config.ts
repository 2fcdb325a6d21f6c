// Test discovery: every `*.test.ts` below test/ (mirrors src/, plus validation/ and e2e/).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // Generous: a loaded machine (several sessions on two cores) runs the planner and CLI tests
    // several times slower than CI does. Speed is measured by `npm run bench`, never by timeouts.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Two cores on CI machines: keep one worker per core, never assert speed-ups.
    maxWorkers: 2,
  },
});
