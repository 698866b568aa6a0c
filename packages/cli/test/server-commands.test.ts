// `bluezone server`, `apikey create`, `export run`, `signing-key rotate` on an embedded SQLite
// data directory: in-process through main(), and the server as a real process for shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDataDirServer } from './support/data-dir-server';
import { runCli } from './support/run-cli';

const BIN = fileURLToPath(new URL('../bin/bluezone.js', import.meta.url));
let dir: string;

const run = (...argv: string[]) => runCli(dir, argv);

describe('key server commands', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bz-cli-server-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('apikey create prints a key as the last line, and the server accepts it with its role', async () => {
    const admin = await run('apikey', 'create', '--role', 'admin', '--realm', 'hue');
    expect(admin.code).toBe(0);
    const key = admin.stdout.at(-1) ?? '';
    expect(key).toMatch(/^bza_[A-Za-z0-9_-]{43}$/);
    await withDataDirServer(dir, async (ctx, app) => {
      const res = await app.request('/api/issue', {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ testType: 'confirmed' }),
      });
      expect(res.status).toBe(200);
      const rows = await ctx.database.db.selectFrom('api_key').selectAll().execute();
      expect(rows).toMatchObject([{ realm: 'hue', role: 'admin' }]);
      expect(JSON.stringify(rows)).not.toContain(key);
    });
  });

  it('apikey create refuses a bad role or realm', async () => {
    expect((await run('apikey', 'create', '--role', 'root')).code).toBe(2);
    expect((await run('apikey', 'create')).code).toBe(2);
    const bad = await run('apikey', 'create', '--role', 'device', '--realm', 'no spaces');
    expect(bad.code).toBe(1);
    expect(bad.stderr.join('\n')).toContain('realm');
  });

  it('export run --now writes a signed batch; signing-key rotate adds v2', async () => {
    const first = await run('export', 'run', '--now');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout.at(-1) ?? '{}');
    expect(result.status).toBe('exported');
    expect(result.batch.files[0]).toMatch(/^VN\/\d+-\d+-00001\.zip$/);
    const rotated = await run('signing-key', 'rotate');
    expect(rotated.code).toBe(0);
    expect(rotated.stderr.join('\n')).toContain('452/v2');
    expect(rotated.stdout.join('\n')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});

describe('bluezone server process', () => {
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bz-cli-server-'));
  });
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /health and stops gracefully on SIGTERM', async () => {
    child = spawn(process.execPath, [BIN, 'server'], {
      cwd: dir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BLUEZONE_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      let buf = '';
      child?.stdout?.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        for (;;) {
          const nl = buf.indexOf('\n');
          if (nl < 0) break;
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          lines.push(line);
          const entry = JSON.parse(line);
          if (entry.msg === 'server listening') resolve(entry.port);
        }
      });
      child?.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    // A signing key was created at first start and its public half is published at once.
    const pem = await (await fetch(`http://127.0.0.1:${port}/exports/VN/public-key.pem`)).text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('server stopped');
  });

  it('bench server drives the whole flow with no errors and exports every key (tiny run)', async () => {
    const res = await run(
      'bench',
      'server',
      '--residents',
      '20',
      '--concurrency',
      '4',
      '--export-keys',
      '3000',
      '--sqlite-only',
      '--json',
    );
    expect(res.code).toBe(0);
    const { results } = JSON.parse(res.stdout.at(-1) ?? '{}');
    expect(results).toHaveLength(1);
    const r = results[0];
    expect(r).toMatchObject({ database: 'sqlite', residents: 20, processes: 1, exportKeys: 3000, exportFiles: 1 });
    for (const stage of ['issue', 'verify', 'certificate', 'publish']) expect(r.stages[stage].errors).toBe(0);
    expect(r.uploadsPerSecond).toBeGreaterThan(0);
    expect(r.baselineHealth.perSecond).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.uploadsPerSecond / r.baselineHealth.perSecond, 2);
    // The target is checked against the publish stage alone, and every stage has its health ratio.
    expect(r.uploadsPerSecond).toBe(r.stages.publish.perSecond);
    expect(r.p99Ms).toBe(r.stages.publish.p99Ms);
    expect(r.target).toMatchObject({ uploadsPerSecond: 2000, p99Ms: 50 });
    for (const stage of ['issue', 'verify', 'certificate', 'publish']) {
      expect(r.stages[stage].ratioToHealth).toBeCloseTo(r.stages[stage].perSecond / r.baselineHealth.perSecond, 2);
    }
    // The whole flow is slower than its slowest stage.
    expect(r.flow.residentsPerSecond).toBeLessThan(r.stages.publish.perSecond);
  }, 120_000);
});
