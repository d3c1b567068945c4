import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Never GENKIT_ENV=dev in tests: every genkit() instance would start a reflection server.
    env: { GENKIT_ENV: 'prod' },
  },
});
