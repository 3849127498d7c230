import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Built into dist/dashboard, which the api app serves at `/` (libs/runtime/src/dashboard). For
// work on the UI alone, `npm run dashboard:dev` proxies /graphql to a running `npm start`.
export default defineConfig({
  root: here,
  base: '/',
  resolve: {
    alias: {
      '@app/read-models/granularity': `${here}../../libs/read-models/src/granularity.ts`,
    },
  },
  build: {
    outDir: `${here}../../dist/dashboard`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 300,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:3000' } },
});
