/**
 * `bluezone rollout arrivals import FILE.csv`: the telecom partner's arrivals from a file
 * (`phone,arrived_at`), as the webhook takes them — each visitor welcomed once per stay, roaming
 * visitors' international numbers too. A bad row no longer sinks the file: the valid rows are
 * recorded and each bad one is printed with its line and code; the exit status is 1 only when
 * no row was valid (nothing recorded then).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout arrivals import FILE.csv   (columns: phone,arrived_at)';

export const rolloutArrivalsImportCommand: Command = {
  usage,
  async run(args, io) {
    const { positionals } = parseOptions(args, {}, usage, true);
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`expected one CSV file\nusage: ${usage}`);
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, positionals[0]), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
    }
    const describe = (rows: readonly rollout.RejectedArrival[]) =>
      rows.map((r) => `  line ${r.line}: ${r.field ?? ''} ${r.code ?? ''}: ${r.message}`).join('\n');
    return withRollout(io, async (ctx, db, cfg) => {
      const { arrivals, lines } = rollout.parseArrivalsCsv(text);
      const district = (await rollout.listUnits(db)).find((u) => u.parentCode === null);
      if (!district) throw new rollout.RolloutError('unknown_unit', 'no district unit is set up');
      try {
        const result = await rollout.recordArrivals(
          db,
          ctx.clock,
          {
            installBaseUrl: await rollout.installBaseUrl(ctx, cfg),
            districtCode: district.code,
            districtName: district.name,
          },
          arrivals,
        );
        io.stdout(
          `recorded ${result.arrivals} arrival(s) (${result.international} international), ${result.welcomes} welcome SMS queued`,
        );
        const rejected = rollout.withCsvLines(result.rejected, lines);
        if (rejected.length > 0) io.stderr(`${rejected.length} bad row(s) left out:\n${describe(rejected)}`);
        return 0;
      } catch (err) {
        const errors = (err as rollout.RolloutError).details as { errors?: rollout.RejectedArrival[] } | undefined;
        if (err instanceof rollout.RolloutError && err.code === 'invalid_input' && errors?.errors) {
          throw new CliError(
            `no valid row, nothing recorded:\n${describe(rollout.withCsvLines(errors.errors, lines))}`,
          );
        }
        throw err;
      }
    });
  },
};
