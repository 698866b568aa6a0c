/**
 * `bluezone certificate-key rotate`: adds our verification server's next certificate signing
 * key (v2, v3, …); the old one stays valid for the certificates it already signed.
 */
import { rotateCertificateKey } from '@bluezone/server';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { withServerContext } from './server';

const usage = 'bluezone certificate-key rotate';

export const certificateKeyRotateCommand: Command = {
  usage,
  async run(args, io) {
    parseOptions(args, {}, usage);
    const key = await withServerContext(io, (ctx) => rotateCertificateKey(ctx));
    const at = (ms: number) => new Date(ms).toISOString();
    io.stderr(`new certificate key ${key.kid}: every server signs with it from ${at(key.signsFrom)}`);
    if (key.previousKids.length > 0) {
      io.stderr(`${key.previousKids.join(', ')} stay valid until ${at(key.previousValidThru)}`);
    }
    io.stdout(key.kid);
    return 0;
  },
};
