import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The UI's alias for the shared schemas (vite.config.ts), so unit tests can import UI helpers.
  resolve: { alias: { '@schemas': fileURLToPath(new URL('./schemas', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Never GENKIT_ENV=dev in tests: every genkit() instance would start a reflection server.
    env: { GENKIT_ENV: 'prod' },
  },
});
