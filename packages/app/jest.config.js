// The resident app's React Native Testing Library tests: Jest with Expo's preset, the runner the
// React Native ecosystem targets (react-native ships Flow and needs its official native mocks).
// The only tests of the repository not on Vitest; run with `npm run test:native` from the root.
export default {
  preset: 'jest-expo',
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/test-native/**/*.test.tsx'],
  // As in vitest.config.ts: on a cold cache the first render also transforms react-native (~5 s).
  testTimeout: 30_000,
  // noble's hashes/curves/ciphers ship ES modules only: let Babel make them CommonJS for Jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(.pnpm|react-native|@react-native|@react-native-community|expo|@expo|@noble))',
    '/node_modules/@react-native/babel-preset/',
  ],
};
