/**
 * A subcommand: `bluezone <group> <name> [options]`. Each lives in its own file under
 * commands/ and is listed in main.ts with its words and summary. Output goes through `io` so
 * tests can capture it.
 */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface Command {
  usage: string;
  run(args: string[], io: CliIo): Promise<number | undefined> | number | undefined;
}

/** A command's entry in main.ts: what `bluezone help` lists, and the module run when it is called. */
export interface CommandEntry {
  /** Words after `bluezone`, e.g. ['debug', 'rpi']. */
  path: readonly string[];
  summary: string;
  load(): Promise<Command>;
}
