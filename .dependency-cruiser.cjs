/**
 * The packages' dependency rules, checked by `npm run deps:check` (part of `npm test`):
 * no import cycles anywhere, and each package imports only what it stands on —
 *   protocol ← client, protocol ← server ← rollout (sim, cli, web, app sit on top).
 * Type-only imports count (tsPreCompilationDeps): a cycle through types is still a cycle
 * for a reader. Tests may use other packages' public entries, never their test/ folders.
 * Rule reference: dependency-cruiser's doc/rules-reference.md.
 */
/** A package's production code: src/ (and the key server's bench/, which the CLI runs). */
const src = (pkg) => `^packages/${pkg}/(src|bench)/`;
/** The key server's core: what features stand on (every other src/ folder is a feature). */
const SERVER_CORE =
  '^packages/server/src/((feature|config|server|logging|clock)[.]ts$|(http|database|secrets|blobs|sms|units)/)';
/** Files of any workspace package but these. */
const otherPackages = (...own) => ({ path: '^packages/', pathNot: `^packages/(${own.join('|')})/` });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules that import each other, directly or around a loop: move what both need into one of them or a third module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'protocol-imports-nothing-of-ours',
      severity: 'error',
      comment: 'The portable core (phones, servers, the simulator) depends on no other package of ours.',
      from: { path: src('protocol') },
      to: otherPackages('protocol'),
    },
    {
      name: 'client-imports-only-protocol',
      severity: 'error',
      comment: 'The phone SDK stands on the protocol alone.',
      from: { path: src('client') },
      to: otherPackages('client', 'protocol'),
    },
    {
      name: 'server-imports-only-protocol',
      severity: 'error',
      comment: 'The key server stands on the protocol alone; the rollout toolkit mounts on it, not the other way.',
      from: { path: src('server') },
      to: otherPackages('server', 'protocol'),
    },
    {
      name: 'rollout-imports-only-protocol-and-server',
      severity: 'error',
      comment:
        'The district toolkit is a feature of the key server: it uses the protocol and the server, nothing above them.',
      from: { path: src('rollout') },
      to: otherPackages('rollout', 'server', 'protocol'),
    },
    {
      name: 'server-core-imports-no-feature',
      severity: 'error',
      comment:
        'The key server core (feature.ts, config.ts, server.ts, logging.ts, clock.ts, http/, database/, secrets/, ' +
        'blobs/, sms/, units/) defines the interfaces features implement and imports none of them; features ' +
        'register themselves (features.ts lists them, index.ts exports them). Any other folder is a feature, so a ' +
        'new one is covered without editing this rule.',
      from: { path: SERVER_CORE },
      to: { path: '^packages/server/src/', pathNot: `${SERVER_CORE}|^packages/server/src/index[.]ts$` },
    },
    {
      name: 'no-other-package-test-folders',
      severity: 'error',
      comment: "Shared test helpers live in @bluezone/test-support, not in another package's test/ folder.",
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/[^/]+/(test|test-native)/', pathNot: '^packages/$1/' },
    },
    {
      name: 'src-imports-no-test-code',
      severity: 'error',
      comment:
        "Production code never imports tests or test helpers: src/, and the key server's bench/ (the CLI runs it). " +
        'A bench that only a developer runs (packages/web/bench/) may drive Chromium through test-support. ' +
        "The key server's test-only plumbing (@bluezone/server/testing) is test code too.",
      from: { path: '^packages/([^/]+/src|server/bench)/', pathNot: '^packages/test-support/' },
      to: { path: '^packages/([^/]+/(test|test-native)|test-support)/|^packages/server/src/testing[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/|[.]cache/' },
    tsPreCompilationDeps: true,
    // Workspace packages resolve through their package.json `exports` (to TypeScript sources).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
