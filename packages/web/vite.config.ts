// Builds the web app into dist/, which the server serves at `/` (packages/server/src/http/static-web.ts).
// `npm run dev -w @bluezone/web` proxies the API to a server on :8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from '../../scripts/vite-precompress.mjs';

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // jsQR (CommonJS, so Rollup must assume it has side effects) would otherwise ride into the
      // first chunk with @bluezone/ui-shared/browser, whose page-language store every page imports;
      // only the gatekeeper's scan uses it, and its chunk now carries it.
      treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]jsqr[\\/]/.test(id) },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' } },
});
