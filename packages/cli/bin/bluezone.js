#!/usr/bin/env node
// The bluezone command runs the CLI bundled to JavaScript in packages/cli/dist (build.mjs, run by
// `npm run build`, scripts/setup and `npm start`). When a source file changed since that build it
// rebuilds first, so it never runs stale code; where the bundler is not installed (a production
// install without dev dependencies) it says what to run instead.
import { buildCli, staleReason } from '../build.mjs';

const stale = staleReason();
if (stale !== undefined) {
  try {
    await import('esbuild');
  } catch {
    process.stderr.write(`bluezone: ${stale}; run "npm run build" (esbuild, a dev dependency, is not installed)\n`);
    process.exit(1);
  }
  process.stderr.write(`bluezone: ${stale}; rebuilding it\n`);
  await buildCli();
}
// A bug's stack names the TypeScript sources (dist/ has their source maps).
process.setSourceMapsEnabled(true);
const { main } = await import(new URL('../dist/bluezone.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
