// Builds the web app into dist/, which the server serves at `/` (packages/server/src/http/static-web.ts).
// `npm run dev -w @bluezone/web` proxies the API to a server on :8080.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from '../../scripts/vite-precompress.mjs';

/**
 * The shell's first two requests (the session, and the server's first-run status for the login
 * page) start with the HTML instead of after the first chunk has downloaded and run: on 3G that
 * chunk takes half a second. The shell's fetch() of the same URLs picks up the preloaded answers.
 */
function preloadSession(): Plugin {
  return {
    name: 'bluezone-preload-session',
    transformIndexHtml: () =>
      ['/api/auth/me', '/api/setup/status'].map((href) => ({
        tag: 'link',
        attrs: { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href },
        injectTo: 'head' as const,
      })),
  };
}

export default defineConfig({
  plugins: [react(), precompress(), preloadSession()],
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
