/**
 * `bluezone bench cli`: how long the command takes to start. Times `node bin/bluezone.js help`
 * (the bin's freshness check, then the bundled CLI without loading any command) against its
 * baseline `node -e 0`, Node starting and doing nothing, in the same run: the two alternate,
 * each run a fresh process, and the medians are compared.
 */
import { spawnSync } from 'node:child_process';
import { BLUEZONE_BIN } from '../bin-path';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';

const usage = 'bluezone bench cli [--runs N] [--json]';

export interface BenchCliResult {
  runs: number;
  /** Median wall time of `node bin/bluezone.js help`, in seconds. */
  helpSeconds: number;
  /** Median wall time of `node -e 0`. */
  nodeSeconds: number;
  ratio: number;
  differenceSeconds: number;
  helpMinSeconds: number;
  helpMaxSeconds: number;
}

/** Wall time of one process run to its exit, in seconds. */
function timeProcess(args: string[]): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    throw new CliError(`node ${args.join(' ')} failed (${child.status ?? child.signal}): ${child.stderr.trim()}`);
  }
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export const benchCliCommand: Command = {
  usage: `${usage}
  --runs N  processes timed of each kind (default 10), alternating
  --json    print only the result object
Baseline: node -e 0 (Node's own start), same run; ratio = helpSeconds / nodeSeconds, both
medians; differenceSeconds = what the command adds to Node's start. One untimed run of each
comes first (it also rebuilds packages/cli/dist if a source changed, which is not timed).`,
  run(args, io) {
    const { values } = parseOptions(args, { runs: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const runs = integerOption(values.runs, 'runs', 10);
    if (runs < 1 || runs > 1000) throw new UsageError('--runs must be 1..1000');
    const help = [BLUEZONE_BIN, 'help'];
    const node = ['-e', '0'];
    timeProcess(help);
    timeProcess(node);
    const helpTimes: number[] = [];
    const nodeTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      helpTimes.push(timeProcess(help));
      nodeTimes.push(timeProcess(node));
    }
    const helpSeconds = median(helpTimes);
    const nodeSeconds = median(nodeTimes);
    const result: BenchCliResult = {
      runs,
      helpSeconds: round(helpSeconds),
      nodeSeconds: round(nodeSeconds),
      ratio: round(helpSeconds / nodeSeconds),
      differenceSeconds: round(helpSeconds - nodeSeconds),
      helpMinSeconds: round(Math.min(...helpTimes)),
      helpMaxSeconds: round(Math.max(...helpTimes)),
    };
    if (!values.json) {
      io.stdout(
        `bluezone help: ${result.helpSeconds} s median of ${runs} runs (min ${result.helpMinSeconds}, max ${result.helpMaxSeconds})`,
      );
      io.stdout(`baseline node -e 0, same run: ${result.nodeSeconds} s → ratio ${result.ratio}`);
      io.stdout(`the command adds ${result.differenceSeconds} s to Node's start`);
    }
    io.stdout(JSON.stringify(result));
    return 0;
  },
};
