/**
 * `bluezone bench match`: times on-device matching of N diagnosis keys against an encounter
 * log of M sightings, with its baseline measured in the same run (see bench-match-run.ts,
 * which does the work in a child process so memory figures are those of matching alone).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';
import type { BenchMatchResult } from './bench-match-run';

const usage = 'bluezone bench match [--keys N] [--encounters M] [--threads T] [--json]';

/**
 * Runs bench-match-run.ts as plain JavaScript: under the TypeScript loader the child would carry
 * tsx's hooks thread (a second V8 heap, ~40 MB), which is not matching's memory. Run from the
 * bundle (bin/bluezone.js), the child is dist/bench-match-run.js beside it, built with the CLI by
 * `npm run build` (packages/cli/build.mjs); run from source (tests), it is bundled the same way
 * now, from the current sources, into a temporary folder.
 */
async function runChild(n: number, m: number, threads: number): Promise<BenchMatchResult> {
  let dir: string | undefined;
  try {
    let runner = fileURLToPath(new URL('./bench-match-run.js', import.meta.url));
    if (import.meta.url.endsWith('.ts')) {
      dir = mkdtempSync(path.join(tmpdir(), 'bluezone-bench-match-'));
      const { buildCli } = await import('../../build.mjs');
      await buildCli({ outdir: dir, entries: ['bench-match-run'] });
      runner = path.join(dir, 'bench-match-run.js');
    }
    const { stdout } = await promisify(execFile)(process.execPath, [runner, String(n), String(m), String(threads)], {
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) as string) as BenchMatchResult;
  } catch (err) {
    throw new CliError(`benchmark process failed: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export const benchMatchCommand: Command = {
  usage: `${usage}
  --keys N        diagnosis keys to match (default 100000), spread over 14 days
  --encounters M  sightings in the encounter log (default 100000); 1 in 100 is a met key (4 sightings each)
  --threads T     also match with T worker threads (default 1: single-threaded only)
  --json          print only the result object
Baseline: aesSeconds = AES-128-ECB of the same number of blocks, each key its own cipher
(key schedule + 168 blocks: the matcher's AES work); ratio = seconds / aesSeconds, where
seconds includes building the sighting index. bulkAesSeconds = the same blocks under one
key in 1 MiB buffers (raw throughput). cpuSeconds / aesCpuSeconds / cpuRatio: the same in
process CPU time. The headline figures are single-threaded; with --threads, a parallel
run follows ("parallel": its ratio divides by the same single-threaded baseline). Runs in a
child process (node + the matcher, bundled to JavaScript), whose peak RSS is reported. Key and encounter generation are not timed.`,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        keys: { type: 'string' },
        encounters: { type: 'string' },
        threads: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const n = integerOption(values.keys, 'keys', 100_000);
    const m = integerOption(values.encounters, 'encounters', 100_000);
    if (n < 1 || n > 50_000_000) throw new UsageError('--keys must be 1..50000000');
    if (m < 1 || m > 10_000_000) throw new UsageError('--encounters must be 1..10000000');
    const threads = integerOption(values.threads, 'threads', 1);
    if (threads < 1 || threads > 64) throw new UsageError('--threads must be 1..64');
    const r = await runChild(n, m, threads);
    if (!values.json) {
      const us = r.perKeyMicros;
      io.stdout(`matched ${r.keys} keys (${r.rpis} RPIs) against ${r.encounters} sightings in ${r.seconds} s`);
      io.stdout(`  of which building the sighting index: ${r.indexSeconds} s`);
      io.stdout(`baseline per-key AES-128-ECB, same blocks: ${r.aesSeconds} s → ratio ${r.ratio}`);
      io.stdout(`  in CPU time: matcher ${r.cpuSeconds} s, baseline ${r.aesCpuSeconds} s → ratio ${r.cpuRatio}`);
      io.stdout(`bulk AES-128-ECB, same blocks, one key:    ${r.bulkAesSeconds} s`);
      io.stdout(`recall ${r.recall} (${r.planted} planted sightings), false positives ${r.falsePositives}`);
      io.stdout(
        `per key (sample): matcher ${us.matcher} µs = HKDF ${us.hkdfSimd ?? us.hkdfSpecialised} µs (${us.hkdfSimd === null ? 'scalar JS' : `WebAssembly SIMD; scalar JS ${us.hkdfSpecialised} µs`}, node hkdfSync ${us.hkdfSync} µs) + AES ${us.aesPerKey} µs + probing`,
      );
      io.stdout(`peak RSS of the benchmark process ${r.peakRssMb} MB`);
      if (r.parallel) {
        const p = r.parallel;
        io.stdout(
          `${r.threads} threads: ${p.seconds} s → ratio ${p.ratio} to the single-threaded baseline, recall ${p.recall}, peak RSS ${p.peakRssMb} MB`,
        );
      }
    }
    io.stdout(JSON.stringify(r));
    return 0;
  },
};
