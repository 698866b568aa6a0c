/**
 * `bluezone export inspect FILE.zip [--public-key PEM] [--key-id ID]`: prints the decoded
 * export as one JSON object, with `signatureValid` true/false (null without --public-key).
 * Exit codes: 0 readable (and, with a key, validly signed); 1 with nothing on stdout for a
 * malformed or truncated file; 1 after printing the JSON when the signature does not verify,
 * so the content can still be examined. Messages go to stderr.
 */
import { resolve } from 'node:path';
import { type ParsedExport, ProtocolError, readExportZip, verifyExportSignature } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { CliError, UsageError } from '../cli-error';
import type { Command } from '../command';
import { parseOptions } from '../options';
import { readBytes, readText } from './export-files';
import { diagnosisKeyToJson } from './export-keys-json';

const usage = 'bluezone export inspect FILE.zip [--public-key PEM] [--key-id ID]';

export const exportInspectCommand: Command = {
  usage,
  run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      { 'public-key': { type: 'string' }, 'key-id': { type: 'string' } },
      usage,
      true,
    );
    if (positionals.length !== 1) throw new UsageError(`expected one FILE.zip\nusage: ${usage}`);
    const file = resolve(io.cwd, positionals[0] as string);
    const publicKeyPem =
      values['public-key'] === undefined ? undefined : readText(resolve(io.cwd, values['public-key']), '--public-key');

    let parsed: ParsedExport;
    let signatureValid: boolean | null = null;
    try {
      parsed = readExportZip(readBytes(file, 'export file'));
    } catch (err) {
      if (err instanceof ProtocolError) throw new CliError(`${positionals[0]}: ${err.message}`);
      throw err;
    }
    if (publicKeyPem !== undefined) {
      try {
        signatureValid = verifyExportSignature(nodeBackend, parsed, publicKeyPem, values['key-id']);
      } catch (err) {
        if (err instanceof ProtocolError) throw new CliError(`--public-key ${values['public-key']}: ${err.message}`);
        throw err;
      }
    }
    io.stdout(JSON.stringify(exportJson(parsed, signatureValid), null, 2));
    if (signatureValid === false) {
      io.stderr(
        `bluezone export inspect: ${positionals[0]}: no signature verifies with ${values['public-key']}` +
          (values['key-id'] === undefined ? '' : ` for key id "${values['key-id']}"`),
      );
      return 1;
    }
    return 0;
  },
};

function exportJson(parsed: ParsedExport, signatureValid: boolean | null) {
  return {
    startTimestamp: parsed.startTimestamp,
    endTimestamp: parsed.endTimestamp,
    region: parsed.region,
    batchNum: parsed.batchNum,
    batchSize: parsed.batchSize,
    signatureInfos: parsed.signatureInfos,
    keys: parsed.keys.map(diagnosisKeyToJson),
    ...(parsed.revisedKeys ? { revisedKeys: parsed.revisedKeys.map(diagnosisKeyToJson) } : {}),
    signatureValid,
  };
}
