import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@bluezone/protocol/api': src('./packages/protocol/src/api/index.ts'),
      '@bluezone/protocol/node': src('./packages/protocol/src/crypto/node-backend.ts'),
      '@bluezone/protocol': src('./packages/protocol/src/index.ts'),
      '@bluezone/server/bench': src('./packages/server/bench/index.ts'),
      '@bluezone/server/testing': src('./packages/server/src/testing.ts'),
      '@bluezone/server': src('./packages/server/src/index.ts'),
      '@bluezone/rollout': src('./packages/rollout/src/index.ts'),
      '@bluezone/sim': src('./packages/sim/src/index.ts'),
      '@bluezone/client/sqlite': src('./packages/client/src/storage/better-sqlite3-store.ts'),
      '@bluezone/client': src('./packages/client/src/index.ts'),
      '@bluezone/ui-shared/browser': src('./packages/ui-shared/src/browser/index.ts'),
      '@bluezone/ui-shared': src('./packages/ui-shared/src/index.ts'),
      '@bluezone/test-support/fakes': src('./packages/test-support/src/fakes/index.ts'),
      '@bluezone/test-support/server': src('./packages/test-support/src/server/index.ts'),
      '@bluezone/test-support': src('./packages/test-support/src/index.ts'),
      // The resident app's Vitest tests render through react-native-web; its React Native Testing Library
      // tests run under Jest from packages/app/test-native/ (packages/app/README.md, "Tests": why not here).
      'react-native': 'react-native-web',
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/*/test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that share PostgreSQL or the SMS gateway serialise themselves; the rest run in parallel.
    pool: 'forks',
  },
});
