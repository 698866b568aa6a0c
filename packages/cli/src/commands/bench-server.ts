/**
 * `bluezone bench server`: load-tests the key server (see packages/server/bench/
 * server-benchmark.ts) on SQLite, and on PostgreSQL too when DATABASE_URL is set.
 * The last line is JSON: {"results":[{database, uploadsPerSecond, p50Ms, p99Ms, stages, flow, exportSeconds, exportCpuSeconds, …}]};
 * uploadsPerSecond/p50Ms/p99Ms are the publish stage's, the figures the publish target is checked against.
 */
import { districtServerFeatures } from '@bluezone/rollout';
import { runServerBenchmark, type ServerBenchResult } from '@bluezone/server/bench';
import { BLUEZONE_BIN } from '../bin-path';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';

const usage =
  'bluezone bench server [--residents N] [--concurrency C] [--processes P] [--export-keys M] [--sqlite-only] [--json]';

export const benchServerCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        residents: { type: 'string' },
        concurrency: { type: 'string' },
        processes: { type: 'string' },
        'export-keys': { type: 'string' },
        'sqlite-only': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const residents = integerOption(values.residents, 'residents', 5000);
    const concurrency = integerOption(values.concurrency, 'concurrency', 32);
    // SQLite has one writer: a second process only waits on the file lock (busy_timeout
    // backoff), so one process by default; PostgreSQL gets two, the stateless deployment shape.
    const processesFor = (databaseUrl: string) => integerOption(values.processes, 'processes', databaseUrl ? 2 : 1);
    const exportKeys = integerOption(values['export-keys'], 'export-keys', 1_000_000);
    if (residents < 1 || concurrency < 1 || processesFor('') < 1)
      throw new UsageError('--residents, --concurrency and --processes must be ≥ 1');
    const urls = [''];
    const pgUrl = io.env.DATABASE_URL ?? '';
    if (pgUrl && !values['sqlite-only']) urls.push(pgUrl);
    const results: ServerBenchResult[] = [];
    for (const databaseUrl of urls) {
      const result = await runServerBenchmark({
        residents,
        concurrency,
        processes: processesFor(databaseUrl),
        exportKeys: Math.max(exportKeys, residents * 13),
        databaseUrl,
        serverArgv: [process.execPath, BLUEZONE_BIN, 'server'],
        features: districtServerFeatures(io.env),
        progress: values.json ? () => {} : (line) => io.stderr(line),
      });
      results.push(result);
      if (!values.json) {
        for (const [name, s] of Object.entries(result.stages)) {
          io.stdout(
            `${result.database}: ${name.padEnd(11)} ${s.perSecond}/s (p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ${s.errors} errors) → ${s.ratioToHealth} × health`,
          );
        }
        io.stdout(
          `${result.database}: publish ${result.uploadsPerSecond}/s (p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms) ` +
            `vs GET /health ${result.baselineHealth.perSecond}/s → ratio ${result.ratio}; ` +
            `whole flow ${result.flow.residentsPerSecond} residents/s; ` +
            `export ${result.exportKeys} keys in ${result.exportSeconds} s vs protocol-only ${result.exportBaselineSeconds} s → ratio ${result.exportRatio} ` +
            `(CPU ${result.exportCpuSeconds} s vs ${result.exportBaselineCpuSeconds} s)`,
        );
      }
    }
    io.stdout(JSON.stringify({ results }));
    return 0;
  },
};
