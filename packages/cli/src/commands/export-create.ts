/**
 * `bluezone export create`: builds a signed GAEN export archive (export.bin + export.sig in a
 * zip) from a KEYS.json file and a P-256 private key, as a key server publishes them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createExportZip,
  type DiagnosisKey,
  type ExportBatch,
  INTERVAL_SECONDS,
  ProtocolError,
  toHex,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions, requireOption } from '../options';
import { readText } from './export-files';
import { parseKeysJson } from './export-keys-json';

const usage =
  'bluezone export create --keys KEYS.json --private-key PEM --key-id ID --key-version V --region R --out FILE.zip ' +
  '[--start UNIX_S --end UNIX_S] [--batch-num N --batch-size M]';

export const exportCreateCommand: Command = {
  usage,
  run(args, io) {
    const { values } = parseOptions(
      args,
      {
        keys: { type: 'string' },
        'private-key': { type: 'string' },
        'key-id': { type: 'string' },
        'key-version': { type: 'string' },
        region: { type: 'string' },
        out: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        'batch-num': { type: 'string' },
        'batch-size': { type: 'string' },
      },
      usage,
    );
    const keysFile = requireOption(values.keys, 'keys', usage);
    const privateKeyFile = requireOption(values['private-key'], 'private-key', usage);
    const keyId = requireOption(values['key-id'], 'key-id', usage);
    const keyVersion = requireOption(values['key-version'], 'key-version', usage);
    const region = requireOption(values.region, 'region', usage);
    const out = resolve(io.cwd, requireOption(values.out, 'out', usage));

    const keys = parseKeysJson(readText(resolve(io.cwd, keysFile), '--keys'), keysFile);
    const privateKeyPem = readText(resolve(io.cwd, privateKeyFile), '--private-key');
    const window = keyWindow(keys);
    const batch: ExportBatch = {
      startTimestamp: integerOption(values.start, 'start', window?.start),
      endTimestamp: integerOption(values.end, 'end', window?.end),
      region,
      batchNum: integerOption(values['batch-num'], 'batch-num', 1),
      batchSize: integerOption(values['batch-size'], 'batch-size', 1),
      keys,
    };
    let zip: Uint8Array;
    try {
      zip = createExportZip(nodeBackend, batch, [{ keyId, keyVersion, privateKeyPem }]);
    } catch (err) {
      if (err instanceof ProtocolError) throw new CliError(err.message);
      throw err;
    }
    try {
      writeFileSync(out, zip);
    } catch (err) {
      throw new CliError(`cannot write --out ${out}: ${(err as Error).message}`);
    }
    io.stdout(JSON.stringify({ out, keys: keys.length, bytes: zip.length, sha256: toHex(nodeBackend.sha256(zip)) }));
    return 0;
  },
};

/** Default time window: from the first key's start to the last key's end (whole intervals). */
function keyWindow(keys: DiagnosisKey[]): { start: number; end: number } | undefined {
  if (keys.length === 0) return undefined;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const k of keys) {
    first = Math.min(first, k.rollingStartIntervalNumber);
    last = Math.max(last, k.rollingStartIntervalNumber + k.rollingPeriod);
  }
  return { start: first * INTERVAL_SECONDS, end: last * INTERVAL_SECONDS };
}
