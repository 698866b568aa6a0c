/**
 * CPU time used by other processes (the server processes under test), from Linux's
 * /proc/<pid>/stat: utime and stime, fields 14 and 15, in clock ticks (proc(5)). CPU time per
 * request hardly changes when other work shares the machine, unlike requests per second, so
 * the benchmark reports it beside the rates. Undefined where /proc is not available.
 */
import fs from 'node:fs';

/** USER_HZ: 100 on every Linux architecture Node supports (proc(5), sysconf(_SC_CLK_TCK)). */
const CLOCK_TICKS_PER_SECOND = 100;

export function processCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Summed CPU seconds of `pids`, or undefined if any cannot be read. */
export function totalCpuSeconds(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const s = processCpuSeconds(pid);
    if (s === undefined) return undefined;
    total += s;
  }
  return total;
}

/** CPU milliseconds one stage cost each party, per request. */
export interface StageCpu {
  /** The server processes under test. */
  serverMs: number;
  /** The database's own processes (PostgreSQL backends serving the bench database); 0 on SQLite. */
  databaseMs: number;
  /** This process: the load generator. */
  loadGeneratorMs: number;
}

function cpuByPid(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = processCpuSeconds(pid);
    if (s !== undefined) out.set(pid, s);
  }
  return out;
}

/**
 * Measures what a stage of `count` requests cost in CPU. Database backends may come and go
 * within a stage (pool connections): one first seen at the end counts its whole life.
 */
export async function measureStageCpu<T>(
  serverPids: readonly number[],
  databasePids: () => Promise<number[]>,
  count: number,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: StageCpu | undefined }> {
  const serverBefore = totalCpuSeconds(serverPids);
  const dbBefore = cpuByPid(await databasePids());
  const selfBefore = process.cpuUsage();
  const result = await run();
  const self = process.cpuUsage(selfBefore);
  const serverAfter = totalCpuSeconds(serverPids);
  const dbAfter = cpuByPid(await databasePids());
  if (serverBefore === undefined || serverAfter === undefined) return { result, cpu: undefined };
  let dbSeconds = 0;
  for (const [pid, s] of dbAfter) dbSeconds += s - (dbBefore.get(pid) ?? 0);
  const perRequestMs = (seconds: number) => Math.round((seconds * 1000 * 1000) / count) / 1000;
  return {
    result,
    cpu: {
      serverMs: perRequestMs(serverAfter - serverBefore),
      databaseMs: perRequestMs(dbSeconds),
      loadGeneratorMs: perRequestMs((self.user + self.system) / 1e6),
    },
  };
}
