/**
 * The real `bluezone server` as a child process (packages/cli/bin/bluezone.js, the bundled CLI),
 * for tests that need what only a process has: its own pool and timers, a SIGKILL, an exit code.
 * Reads its JSON log lines from stdout and resolves once it logs "server listening".
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BLUEZONE_BIN = fileURLToPath(new URL('../../../cli/bin/bluezone.js', import.meta.url));

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** Every JSON log line so far. */
  logs: LogLine[];
  /** Anything written to stderr. */
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Builds packages/cli/dist if a source changed since (bin/bluezone.js would do it at every start;
 * several processes starting at once would each rebuild).
 */
export function ensureCliBuilt(): void {
  const result = spawnSync(process.execPath, [BLUEZONE_BIN, 'help'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bluezone help failed (${result.status}): ${result.stderr}`);
}

function collect(child: ChildProcess) {
  const logs: LogLine[] = [];
  let err = '';
  let buf = '';
  const listeners: ((line: LogLine) => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const text = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        const line = JSON.parse(text) as LogLine;
        logs.push(line);
        for (const l of listeners) l(line);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  // 'close', not 'exit': the output has been read to its end by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { logs, stderr: () => err, exited, onLine: (l: (line: LogLine) => void) => listeners.push(l) };
}

/** Runs `bluezone server` with `env` added to this process's environment (PORT defaults to 0). */
export async function startServerProcess(env: Record<string, string>, cwd?: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BLUEZONE_BIN, 'server'], {
    ...(cwd ? { cwd } : {}),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = collect(child);
  const port = await new Promise<number>((resolve, reject) => {
    out.onLine((line) => {
      if (line.msg === 'server listening') resolve(line.port as number);
    });
    out.exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${out.stderr()}`)));
  });
  return {
    child,
    pid: child.pid as number,
    port,
    url: `http://127.0.0.1:${port}`,
    logs: out.logs,
    stderr: out.stderr,
    exited: out.exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return out.exited;
    },
  };
}

/** Runs `bluezone server` expecting it to exit (a start that fails); resolves with code and output. */
export async function runServerProcessToExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: LogLine[]; stderr: string }> {
  const child = spawn(process.execPath, [BLUEZONE_BIN, 'server'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await out.exited;
  clearTimeout(timer);
  return { code, stdout: out.logs, stderr: out.stderr() };
}
