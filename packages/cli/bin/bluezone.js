#!/usr/bin/env node
// The bluezone command. Sources are TypeScript, run through tsx's loader so the CLI, the
// tests and the server all execute the same files without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
