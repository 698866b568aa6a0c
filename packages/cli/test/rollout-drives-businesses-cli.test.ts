// `bluezone rollout drives …`, `… businesses …` and `… units archive|restore` run in-process
// through main(), on a fresh SQLite data directory seeded with the Nam Đông demo units.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

let dir: string;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { LOG_LEVEL: 'silent', ROLLOUT_INSTALL_BASE_URL: 'https://bluezone.gov.vn/install' };
  const { code, stdout, stderr } = await runCli(dir, argv, env);
  const own = stderr.filter((l) => !/^bluezone: (database: |warning: no database in )/.test(l));
  return { code, stdout: stdout.join('\n'), stderr: own.join('\n') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bz-rollout-drives-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The first command opens, migrates and seeds the database (~26 s on a loaded machine).
describe('bluezone rollout drives, businesses and archived units', { timeout: 90_000 }, () => {
  it('creates a drive, gives each volunteer an invite link and QR, and reports the drive', async () => {
    const created = await run(
      'rollout',
      'drives',
      'create',
      '--unit',
      '483-doan',
      '--name',
      'Ngày hội cài Bluezone',
      '--date',
      '2099-03-26',
      '--place',
      'Chợ Khe Tre',
      '--organiser',
      'Huyện đoàn Nam Đông',
    );
    expect(created.stderr).toBe('');
    const drive = JSON.parse(created.stdout) as { id: number; unitCode: string; heldOn: string };
    expect(drive).toMatchObject({ unitCode: '483-DOAN', heldOn: '2099-03-26' });

    const v = await run(
      'rollout',
      'drives',
      'volunteer',
      '--drive',
      String(drive.id),
      '--name',
      'Lê Thị Hoa',
      '--phone',
      '0912345678',
      '--qr',
      'hoa.png',
    );
    expect(v.code).toBe(0);
    const link = v.stdout.split('\n').at(-1) ?? '';
    expect(link).toMatch(/^https:\/\/bluezone\.gov\.vn\/install\?vol=[A-Za-z0-9_-]{12}$/);
    expect(readFileSync(join(dir, 'hoa.png')).subarray(1, 4).toString()).toBe('PNG');
    const badPhone = await run(
      'rollout',
      'drives',
      'volunteer',
      '--drive',
      String(drive.id),
      '--name',
      'X',
      '--phone',
      '123',
    );
    expect(badPhone.code).toBe(1);

    const csv = await run('rollout', 'drives', 'report');
    expect(csv.stdout.split('\n')[1]).toBe(
      `${drive.id},Ngày hội cài Bluezone,2099-03-26,Chợ Khe Tre,Huyện đoàn Nam Đông,483-DOAN,Huyện đoàn Nam Đông,1,0,0`,
    );
    const board = await run('rollout', 'drives', 'report', '--table', 'leaderboard');
    expect(board.stdout).toContain(',Lê Thị Hoa,');
    expect((await run('rollout', 'drives', 'report', '--format', 'xlsx', '--out', 'd.xlsx')).code).toBe(0);
    const strings = strFromU8(
      unzipSync(new Uint8Array(readFileSync(join(dir, 'd.xlsx'))))['xl/sharedStrings.xml'] ?? new Uint8Array(),
    );
    expect(strings).toContain('Lê Thị Hoa');

    // A drive whose details' time is over takes no volunteer; nothing is due for erasure yet.
    const past = await run(
      'rollout',
      'drives',
      'create',
      '--unit',
      '483-DOAN',
      '--name',
      'Cũ',
      '--date',
      '2020-01-05',
      '--place',
      'x',
      '--organiser',
      'y',
    );
    const pastId = (JSON.parse(past.stdout) as { id: number }).id;
    const closed = await run('rollout', 'drives', 'volunteer', '--drive', String(pastId), '--name', 'Muộn');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/kept 90 days/);
    expect((await run('rollout', 'drives', 'purge')).stdout).toBe(
      'erased the names and phones of 0 volunteer(s) (kept 90 days)',
    );
    const badDate = await run(
      'rollout',
      'drives',
      'create',
      '--unit',
      '483-DOAN',
      '--name',
      'x',
      '--date',
      '2026-02-30',
      '--place',
      'x',
      '--organiser',
      'y',
    );
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('not a day: "2026-02-30"');
    expect((await run('rollout', 'drives', 'create', '--unit', '483-DOAN', '--name', 'x')).code).toBe(2);
  });

  it('adds a business, prints its counter link, its window sticker and its results', async () => {
    const added = await run(
      'rollout',
      'businesses',
      'add',
      '--parent',
      '20164-02',
      '--name',
      'Tạp hóa Cô Lan',
      '--customers',
      '200',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout.split('\n')).toEqual([
      '20164-02-B1\tTạp hóa Cô Lan\tunder 20164-02 Thôn 2',
      'https://bluezone.gov.vn/install?unit=20164-02-B1',
    ]);
    const sticker = await run(
      'rollout',
      'businesses',
      'sticker',
      '--code',
      '20164-02-B1',
      '--size',
      'A6',
      '--out',
      'lan.pdf',
    );
    expect(sticker.code).toBe(0);
    const text = execFileSync('pdftotext', [join(dir, 'lan.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('CHÚNG TÔI KHUYÊN DÙNG BLUEZONE');
    expect(text).toContain('Tạp hóa Cô Lan');
    const notBusiness = await run('rollout', 'businesses', 'sticker', '--code', '20164-THCS', '--out', 'x.pdf');
    expect(notBusiness.code).toBe(1);
    expect(notBusiness.stderr).toContain('20164-THCS is a school, not a business');

    const report = await run('rollout', 'businesses', 'report', '--unit', '20164');
    expect(report.stdout.split('\n')).toEqual([
      'code,name,parent_code,parent_name,customers,target,recommended,active_7d,share,last_7_days',
      '20164-02-B1,Tạp hóa Cô Lan,20164-02,Thôn 2,200,120,0,0,0,0',
    ]);
    const under = await run('rollout', 'businesses', 'add', '--parent', '20164-THCS', '--name', 'Căng tin');
    expect(under.code).toBe(1);
    expect(under.stderr).toContain('a business sits under a commune, town or village, not a school');
  });

  it('archives and restores units, warning where populations disagree', async () => {
    const archived = await run('rollout', 'units', 'archive', '20191-04');
    expect(archived.stdout).toMatch(/^20191-04\tThôn 4\tarchived \d{4}-\d{2}-\d{2}T/);
    expect((await run('rollout', 'units', 'export')).stdout).not.toContain('20191-04');
    const busy = await run('rollout', 'units', 'archive', '20191');
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('archive the units under 20191 first: 20191-01, 20191-02, 20191-03');
    // Three villages of 575 against the commune's 2,300.
    const report = await run('rollout', 'report', '--format', 'json', '--unit', '20191');
    expect(report.stderr).toBe('warning: 20191 Xã Thượng Nhật has population 2300, its 3 areas 1725');
    expect((await run('rollout', 'units', 'restore', '20191-04')).stdout).toBe('20191-04\tThôn 4\tactive');
    writeFileSync(join(dir, 'more.csv'), 'code,name,kind,parent_code,population\n20191-05,Thôn 5,village,20191,100\n');
    const imported = await run('rollout', 'units', 'import', 'more.csv');
    expect(imported.stdout).toBe('imported 1 unit(s)');
    expect(imported.stderr).toBe('warning: 20191 Xã Thượng Nhật has population 2300, its 5 areas 2400');
  });
});
