// Test discovery: every `*.test.ts` below test/ (mirrors src/, plus validation/ and e2e/).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI machines: keep one worker per core, never assert speed-ups.
    maxWorkers: 2,
  },
});
