import { fileURLToPath } from 'node:url';

/**
 * bin/bluezone.js, for commands that start the CLI as a child process. Resolved from this
 * module's URL, which is src/bin-path.ts from source and dist/<chunk>.js bundled: both one
 * folder below packages/cli.
 */
export const BLUEZONE_BIN = fileURLToPath(new URL('../bin/bluezone.js', import.meta.url));
