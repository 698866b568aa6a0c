/**
 * A Vite plugin for the two web builds (packages/web, packages/app): after the bundle is written,
 * every text file of at least 1 KiB gets a Brotli (quality 11) and a gzip (level 9) copy beside it
 * (`index-abc.js.br`, `index-abc.js.gz`), which the server sends to browsers that accept them
 * (packages/server/src/http/static-web.ts). Compressing once at build time buys the smallest files
 * for districts on 3G without spending the server's CPU on each request.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
const MIN_BYTES = 1024;

async function* files(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** @returns {import('vite').Plugin} */
export function precompress() {
  let outDir = '';
  return {
    name: 'bluezone-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      for await (const file of files(outDir)) {
        if (!TEXT.test(file)) continue;
        const bytes = await fs.readFile(file);
        if (bytes.byteLength < MIN_BYTES) continue;
        const [br, gz] = await Promise.all([
          brotli(bytes, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
            },
          }),
          gzip(bytes, { level: 9 }),
        ]);
        await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
      }
    },
  };
}
