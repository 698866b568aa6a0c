/**
 * A subcommand: `bluezone <group> <name> [options]`. Each lives in its own file under
 * commands/ and is listed in main.ts. Output goes through `io` so tests can capture it.
 */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface Command {
  /** Words after `bluezone`, e.g. ['debug', 'rpi']. */
  path: readonly string[];
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number | undefined> | number | undefined;
}
