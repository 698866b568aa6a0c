/** `bluezone authority add-key`: adds a certificate verification key (rotation keeps the old one). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { authorities } from '@bluezone/server';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions, requireOption } from '../options';
import { dateOption, keyJson } from './authority-options';
import { withServerContext } from './server';

const usage =
  'bluezone authority add-key --id HEALTH_AUTHORITY_ID --kid KID --public-key FILE.pem [--valid-from DATE] [--valid-thru DATE]';

export const authorityAddKeyCommand: Command = {
  usage,
  async run(args, io) {
    const { values } = parseOptions(
      args,
      {
        id: { type: 'string' },
        kid: { type: 'string' },
        'public-key': { type: 'string' },
        'valid-from': { type: 'string' },
        'valid-thru': { type: 'string' },
      },
      usage,
    );
    const authorityId = requireOption(values.id, 'id', usage);
    const kid = requireOption(values.kid, 'kid', usage);
    const file = requireOption(values['public-key'], 'public-key', usage);
    const validFrom = dateOption(values['valid-from'], 'valid-from');
    const validThru = dateOption(values['valid-thru'], 'valid-thru');
    let publicKeyPem: string;
    try {
      publicKeyPem = await readFile(path.resolve(io.cwd, file), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const { key, now } = await withServerContext(io, async (ctx) => ({
      key: await authorities.addAuthorityKey(ctx.database, ctx.clock.now(), {
        authorityId,
        kid,
        publicKeyPem,
        ...(validFrom === undefined ? {} : { validFrom }),
        ...(validThru === undefined ? {} : { validThru }),
      }),
      now: ctx.clock.now(),
    }));
    io.stderr(`added key "${key.kid}" (version ${key.version}) to "${authorityId}"; servers use it within 30 s`);
    io.stdout(JSON.stringify(keyJson(key, now)));
    return 0;
  },
};
