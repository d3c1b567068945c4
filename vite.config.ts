import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.js';

// The browser UI lives in ui/; the express server serves the build from dist/ui.
// In development (npx vite) the API is proxied to the server on port 3000. The build writes .br and
// .gz copies of its text files (scripts/precompress.ts) for the server to send.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'ui',
  plugins: [react(), precompress()],
  // The same alias as tsconfig.json's paths: the UI imports the shared Zod schemas as @schemas/<file>.js.
  resolve: {
    alias: { '@schemas': fileURLToPath(new URL('./schemas', import.meta.url)) },
  },
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
});
