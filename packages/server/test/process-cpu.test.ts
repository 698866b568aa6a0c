// The benchmark's CPU accounting reads /proc; on Linux it must see this process burn CPU.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureStageCpu, processCpuSeconds, totalCpuSeconds } from '../bench/process-cpu';

/** Spins until this process has used `ms` of CPU (not wall time: a loaded machine may deschedule it). */
const burn = (ms: number) => {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + 1);
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return x;
  }
};

describe.skipIf(!fs.existsSync('/proc/self/stat'))('process CPU from /proc', () => {
  it('counts this process burning 300 ms of CPU, within the 10 ms tick', () => {
    const before = processCpuSeconds(process.pid) as number;
    burn(300);
    const after = processCpuSeconds(process.pid) as number;
    expect(after - before).toBeGreaterThanOrEqual(0.25);
    expect(after - before).toBeLessThan(5);
  });

  it('is undefined for a process that does not exist, and so is a total including it', () => {
    expect(processCpuSeconds(2 ** 22 + 1)).toBeUndefined();
    expect(totalCpuSeconds([process.pid, 2 ** 22 + 1])).toBeUndefined();
  });

  it('charges a stage per request to the server pids and to the load generator', async () => {
    const { result, cpu } = await measureStageCpu(
      [process.pid],
      async () => [],
      100,
      async () => burn(200),
    );
    expect(result).toBeGreaterThan(0);
    // 200 ms over 100 requests ≈ 2 ms each, seen both as "server" (our pid) and as this process.
    expect(cpu?.serverMs).toBeGreaterThan(1.5);
    expect(cpu?.loadGeneratorMs).toBeGreaterThan(1.5);
    expect(cpu?.databaseMs).toBe(0);
  });
});
