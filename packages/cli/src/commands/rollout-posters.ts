/** `bluezone rollout posters`: print-ready PDF install posters for a unit, or one per village/business under it. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout posters --unit CODE [--size A4|A3] [--batch] --out DIR';

export const rolloutPostersCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { unit: { type: 'string' }, size: { type: 'string' }, batch: { type: 'boolean' }, out: { type: 'string' } },
      usage,
    );
    const code = requireOption(values.unit, 'unit', usage).toUpperCase();
    const outDir = resolve(io.cwd, requireOption(values.out, 'out', usage));
    const size = values.size ?? 'A4';
    if (size !== 'A4' && size !== 'A3') throw new UsageError(`--size must be A4 or A3, got "${size}"`);
    return withRollout(io, async (ctx, db, config) => {
      const units = await rollout.listUnits(db);
      const unit = units.find((u) => u.code === code);
      if (!unit) throw new rollout.RolloutError('unknown_unit', `no unit with code ${code}`);
      const byCode = new Map(units.map((u) => [u.code, u]));
      let targets = [unit];
      if (values.batch) {
        const under = rollout.subtreeCodes(code, units);
        // One poster per place people see it: villages and organisations, not the communes themselves.
        targets = units.filter(
          (u) => under.has(u.code) && u.code !== code && !['district', 'commune', 'town'].includes(u.kind),
        );
        if (targets.length === 0) targets = [unit];
      }
      await mkdir(outDir, { recursive: true });
      for (const u of targets) {
        const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
        const pdf = await rollout.renderPoster(u, parent?.name ?? null, {
          size,
          installBaseUrl: await rollout.installBaseUrl(ctx, config),
          downloadUrl: config.downloadUrl,
        });
        const file = join(outDir, `poster-${u.code}-${size}.pdf`);
        await writeFile(file, pdf);
        io.stdout(`${file}\t${u.code}\t${u.name}`);
      }
      return 0;
    });
  },
};
