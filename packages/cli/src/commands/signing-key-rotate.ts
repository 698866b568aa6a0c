/** `bluezone signing-key rotate`: adds the next export signing key version; prints its public key. */
import { rotateSigningKey } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withServerContext } from './server';

const usage = 'bluezone signing-key rotate';

export const signingKeyRotateCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    const key = await withServerContext(io, (ctx) => rotateSigningKey(ctx));
    io.stderr(`new export signing key ${key.keyId}/${key.keyVersion}; give apps this public key:`);
    io.stdout(key.publicKeyPem.trimEnd());
    return 0;
  },
};
