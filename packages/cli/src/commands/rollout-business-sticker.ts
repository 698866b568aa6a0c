/** `bluezone rollout businesses sticker`: a business's printable window sticker (PDF) with its counter QR. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as rollout from '@bluezone/rollout';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { withRollout } from './rollout-context';

const usage = 'bluezone rollout businesses sticker --code CODE [--size A5|A6] --out FILE.pdf';

export const rolloutBusinessStickerCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      { code: { type: 'string' }, size: { type: 'string' }, out: { type: 'string' } },
      usage,
    );
    const code = requireOption(values.code, 'code', usage).toUpperCase();
    const out = resolve(io.cwd, requireOption(values.out, 'out', usage));
    const size = values.size ?? 'A5';
    if (size !== 'A5' && size !== 'A6') throw new UsageError(`--size must be A5 or A6, got "${size}"`);
    return withRollout(io, async (ctx, db, config) => {
      const unit = await rollout.getUnit(db, code);
      if (unit.kind !== 'business') {
        throw new rollout.RolloutError('invalid_input', `${unit.code} is a ${unit.kind}, not a business`);
      }
      const pdf = await rollout.renderWindowSticker(unit, {
        size,
        installBaseUrl: await rollout.installBaseUrl(ctx, config),
        env: io.env,
      });
      await writeFile(out, pdf);
      io.stdout(out);
      return 0;
    });
  },
};
