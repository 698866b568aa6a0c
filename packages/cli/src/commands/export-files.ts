/** Reading the files the export commands name, with one-line errors that name the option. */
import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error';

// An export archive is at most a few tens of MB (readExportZip caps export.bin at 64 MiB).
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export function readBytes(path: string, what: string): Uint8Array {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    throw new CliError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (data.length > MAX_INPUT_BYTES) throw new CliError(`${what} ${path} is larger than ${MAX_INPUT_BYTES} bytes`);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function readText(path: string, what: string): string {
  return new TextDecoder().decode(readBytes(path, what));
}
