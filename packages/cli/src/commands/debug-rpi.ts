/** `bluezone debug rpi`: prints the RPIs and AEMs a TEK produces, one JSON object per line. */
import {
  associatedMetadataKey,
  encryptMetadata,
  fromHex,
  METADATA_LENGTH,
  ProtocolError,
  rollingProximityIdKey,
  rollingProximityIds,
  toHex,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';

const usage = 'bluezone debug rpi --tek HEX --enin N [--count K] [--metadata HEX]';

export const debugRpiCommand: Command = {
  usage,
  run(args, io) {
    const { values } = parseOptions(
      args,
      {
        tek: { type: 'string' },
        enin: { type: 'string' },
        count: { type: 'string' },
        metadata: { type: 'string' },
      },
      usage,
    );
    const enin = integerOption(requireOption(values.enin, 'enin', usage), 'enin');
    const count = integerOption(values.count, 'count', 1);
    if (enin > 0xffffffff || enin + count - 1 > 0xffffffff) throw new CliError('--enin/--count leave the uint32 range');
    let tek: Uint8Array;
    let metadata: Uint8Array;
    try {
      tek = fromHex(requireOption(values.tek, 'tek', usage), '--tek');
      metadata = fromHex(values.metadata ?? '40080000', '--metadata');
    } catch (err) {
      if (err instanceof ProtocolError) throw new CliError(err.message);
      throw err;
    }
    if (tek.length !== 16) throw new CliError(`--tek must be 16 bytes (32 hex digits), got ${tek.length} bytes`);
    if (metadata.length !== METADATA_LENGTH) {
      throw new CliError(`--metadata must be ${METADATA_LENGTH} bytes (8 hex digits), got ${metadata.length} bytes`);
    }
    const rpik = rollingProximityIdKey(nodeBackend, tek);
    const aemk = associatedMetadataKey(nodeBackend, tek);
    // Derive in chunks so a huge --count streams instead of allocating everything at once.
    const CHUNK = 4096;
    for (let done = 0; done < count; done += CHUNK) {
      const n = Math.min(CHUNK, count - done);
      const rpis = rollingProximityIds(nodeBackend, rpik, enin + done, n);
      const lines: string[] = [];
      for (let j = 0; j < n; j++) {
        const rpi = rpis.subarray(16 * j, 16 * j + 16);
        const aem = encryptMetadata(nodeBackend, aemk, rpi, metadata);
        lines.push(JSON.stringify({ enin: enin + done + j, rpi: toHex(rpi), aem: toHex(aem) }));
      }
      io.stdout(lines.join('\n'));
    }
    return 0;
  },
};
