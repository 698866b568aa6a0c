// Builds the resident app for browsers with react-native-web into dist/, which the server
// serves at /app (packages/server/src/http/static-web.ts). Phones build with Expo instead.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from '../../scripts/vite-precompress.mjs';

export default defineConfig({
  base: '/app/',
  plugins: [react(), precompress()],
  resolve: {
    alias: { 'react-native': 'react-native-web' },
    extensions: ['.web.tsx', '.web.ts', '.tsx', '.ts', '.mjs', '.js', '.json'],
  },
  define: { __DEV__: 'false', 'process.env.NODE_ENV': JSON.stringify('production') },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/exports': 'http://127.0.0.1:8080', '/v1': 'http://127.0.0.1:8080' },
  },
});
