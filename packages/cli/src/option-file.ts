/** Reading a file an option names, relative to the command's directory, with a one-line error naming the option. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './cli-error';

/** The one line for an option's file that cannot be read, whoever reads it (whole here, or streamed). */
export function unreadableOptionFile(option: string, spec: string, err: unknown): CliError {
  return new CliError(`cannot read ${option} ${spec}: ${(err as Error).message}`);
}

export async function readOptionFile(
  cwd: string,
  option: string,
  spec: string,
): Promise<{ path: string; text: string }> {
  const path = resolve(cwd, spec);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (err) {
    throw unreadableOptionFile(option, spec, err);
  }
}

/** The file an option names, parsed by `parse`; what `parse` throws becomes one line naming the option and the file as given. */
export async function parseOptionFile<T>(
  cwd: string,
  option: string,
  spec: string,
  parse: (text: string) => T,
): Promise<T> {
  const { text } = await readOptionFile(cwd, option, spec);
  try {
    return parse(text);
  } catch (err) {
    throw new CliError(`${option} ${spec}: ${(err as Error).message}`);
  }
}
