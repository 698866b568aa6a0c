// Runs the `bluezone` command in process (main() with captured output), as the CLI tests do.
import { join } from 'node:path';
import type { CliIo } from '../../src/command';
import { main } from '../../src/main';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** `bluezone …argv` in `dir`, with its data directory `dir/data` unless `env` names another. */
export async function runCli(dir: string, argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (l) => stdout.push(l),
    stderr: (l) => stderr.push(l),
    env: { BLUEZONE_DATA_DIR: join(dir, 'data'), ...env },
    cwd: dir,
  };
  return { code: await main([...argv], io), stdout, stderr };
}
