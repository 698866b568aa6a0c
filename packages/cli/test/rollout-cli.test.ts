// `bluezone rollout …` run in-process through main(), on a fresh SQLite data directory seeded
// with the Nam Đông demo units.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

let dir: string;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // A district's own install page, as ROLLOUT_INSTALL_BASE_URL sets it (the sample's SMS segments depend on its length).
  const env = { LOG_LEVEL: 'silent', ROLLOUT_INSTALL_BASE_URL: 'https://bluezone.gov.vn/install' };
  const { code, stdout, stderr } = await runCli(dir, argv, env);
  // Which database a command opened is database-notice.test.ts's subject; here only the command's own lines.
  const own = stderr.filter((l) => !/^bluezone: (database: |warning: no database in )/.test(l));
  return { code, stdout: stdout.join('\n'), stderr: own.join('\n') };
}

/** Reads a PCM WAV: format, duration and RMS level of its samples. */
function readWav(file: string): { sampleRate: number; seconds: number; rms: number } {
  const b = readFileSync(file);
  expect(b.toString('ascii', 0, 4)).toBe('RIFF');
  expect(b.toString('ascii', 8, 12)).toBe('WAVE');
  let offset = 12;
  let sampleRate = 0;
  let bits = 0;
  let channels = 0;
  for (;;) {
    const id = b.toString('ascii', offset, offset + 4);
    const size = b.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      expect(b.readUInt16LE(offset + 8)).toBe(1); // PCM
      channels = b.readUInt16LE(offset + 10);
      sampleRate = b.readUInt32LE(offset + 12);
      bits = b.readUInt16LE(offset + 22);
    }
    if (id === 'data') {
      expect(bits).toBe(16);
      const end = Math.min(b.length, offset + 8 + size);
      const n = Math.floor((end - offset - 8) / 2);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += b.readInt16LE(offset + 8 + 2 * i) ** 2;
      return { sampleRate, seconds: n / channels / sampleRate, rms: Math.sqrt(sum / n) };
    }
    offset += 8 + size;
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bz-rollout-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bluezone rollout', () => {
  // The first command of the file also opens, migrates and seeds the database: ~29 s on a loaded machine.
  it('renders one poster per village and business under a commune', { timeout: 90_000 }, async () => {
    const r = await run('rollout', 'posters', '--unit', '20164', '--batch', '--size', 'A3', '--out', 'posters');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'posters')).sort();
    expect(files).toEqual([
      'poster-20164-01-A3.pdf',
      'poster-20164-02-A3.pdf',
      'poster-20164-03-A3.pdf',
      'poster-20164-04-A3.pdf',
      'poster-20164-THCS-A3.pdf',
      'poster-20164-UBND-A3.pdf',
    ]);
    const text = execFileSync('pdftotext', [join(dir, 'posters', 'poster-20164-THCS-A3.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('Trường THCS Hương Phú');
    expect(text).toContain('Xã Hương Phú');
    const bad = await run('rollout', 'posters', '--unit', 'NOPE', '--out', 'posters');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('bluezone rollout posters: no unit with code NOPE');
  });

  it('exports units, re-imports them, and refuses a bad file naming every bad line', async () => {
    const exported = await run('rollout', 'units', 'export', '--out', 'units.csv');
    expect(exported.code).toBe(0);
    const csv = readFileSync(join(dir, 'units.csv'), 'utf8');
    expect(csv).toContain('20191,Xã Thượng Nhật,commune,483,residents,2300,0.6,,');
    expect((await run('rollout', 'units', 'import', 'units.csv')).stdout).toMatch(/^imported \d+ unit\(s\)$/);
    writeFileSync(
      join(dir, 'bad.csv'),
      'code,name,kind,parent_code,population\n20191-09,Thôn 9,village,20191,120\n20191-10,Thôn 10,village,NOPE,1\n20191-11,Thôn 11,hamlet,20191,1\n',
    );
    const bad = await run('rollout', 'units', 'import', 'bad.csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 3: parent_code NOPE is not a known unit');
    expect(bad.stderr).toContain('line 4: kind "hamlet"');
    const after = await run('rollout', 'units', 'export');
    expect(after.stdout).not.toContain('20191-09');
  });

  it('writes the coverage report as JSON and XLSX', async () => {
    const json = await run('rollout', 'report', '--format', 'json', '--unit', '20161');
    const report = JSON.parse(json.stdout) as { root: string; units: { code: string }[]; belowTarget: string[] };
    expect(report.root).toBe('20161');
    expect(report.units.map((u) => u.code)).toContain('20161-THPT');
    expect((await run('rollout', 'report', '--format', 'xlsx', '--out', 'r.xlsx')).code).toBe(0);
    const sheet = strFromU8(
      unzipSync(new Uint8Array(readFileSync(join(dir, 'r.xlsx'))))['xl/sharedStrings.xml'] ?? new Uint8Array(),
    );
    expect(sheet).toContain('Huyện Nam Đông');
    expect((await run('rollout', 'report', '--format', 'pdf')).code).toBe(2);
  });

  it('creates a manager key, printed as the last line', async () => {
    const r = await run('rollout', 'key', 'create', '--unit', '20164', '--name', 'Cán bộ xã');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').at(-1)).toMatch(/^bzm_[A-Za-z0-9_-]{43}$/);
    expect((await run('rollout', 'key', 'create', '--unit', '20164', '--name', 'x', '--role', 'boss')).code).toBe(2);
  });

  it('speaks an announcement script to a real, non-silent WAV (and MP3 when lame is present)', async () => {
    const list = await run('rollout', 'announce');
    expect(list.stdout).toContain('loudspeaker');
    const r = await run('rollout', 'announce', '--script', '1', '--audio', '--out', 'loa.wav');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Thông báo của Ủy ban nhân dân huyện Nam Đông');
    expect(r.stdout).toMatch(/repeat: 0 6,17 \* \* \*/);
    const wav = readWav(join(dir, 'loa.wav'));
    expect(wav.sampleRate).toBeGreaterThanOrEqual(16_000);
    // ~60 Vietnamese words at 140 wpm: well over 10 s of speech.
    expect(wav.seconds).toBeGreaterThan(10);
    expect(wav.rms).toBeGreaterThan(300);
    if (existsSync('/usr/bin/lame')) {
      expect((await run('rollout', 'announce', '--script', '3', '--audio', '--out', 'screen.mp3')).code).toBe(0);
      const mp3 = readFileSync(join(dir, 'screen.mp3'));
      // An MPEG audio frame sync (0xFFE) or an ID3 tag opens the file.
      expect(mp3.toString('ascii', 0, 3) === 'ID3' || (mp3[0] === 0xff && ((mp3[1] ?? 0) & 0xe0) === 0xe0)).toBe(true);
      expect(mp3.length).toBeGreaterThan(5000);
    }
    expect((await run('rollout', 'announce', '--script', '99')).code).toBe(1);
  });

  it('estimates SMS segments and cost before sending', async () => {
    const r = await run(
      'rollout',
      'sms',
      'estimate',
      '--text',
      'Đề nghị bà con cài Bluezone'.repeat(4),
      '--recipients',
      '100',
      '--price',
      '800',
    );
    expect(JSON.parse(r.stdout)).toEqual({
      encoding: 'ucs2',
      units: 108,
      segments: 2,
      recipients: 100,
      totalSegments: 200,
      pricePerSegmentVnd: 800,
      costVnd: 160_000,
    });
  });

  it('previews a campaign before creating it, and refuses unknown placeholders', async () => {
    const args = ['rollout', 'campaign', 'create', '--unit', '20164', '--name', 'Nhắc', '--cron', '0 8 * * 1'];
    writeFileSync(join(dir, 'bad-phones.csv'), 'phone,name\n0912 345 001,Anh Tâm\n12345,X\n0234 382 2222,Y\n');
    const bad = await run('rollout', 'contacts', 'import', '--unit', '20164-01', 'bad-phones.csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 3:');
    expect(bad.stderr).toContain('line 4:');
    writeFileSync(join(dir, 'phones.csv'), 'phone,name\n0912 345 001,Anh Tâm\n+84912345002,\n');
    expect((await run('rollout', 'contacts', 'import', '--unit', '20164-01', 'phones.csv')).stdout).toBe(
      'imported 2 contact(s) for unit 20164-01',
    );
    const preview = await run(...args, '--template', 'Chào {name}, cài Bluezone: {link}');
    expect(preview.code).toBe(0);
    // UCS-2 (à, â, ạ): "Chào Anh Tâm, cài Bluezone: <link>" is 73 units → 2 segments (over 70);
    // the unnamed contact gets "Chào bạn, …", 69 units → 1 segment.
    expect(JSON.parse(preview.stdout)).toMatchObject({
      recipients: 2,
      sample: 'Chào Anh Tâm, cài Bluezone: https://bluezone.gov.vn/install?unit=20164-01',
      cost: { segments: 3, costVnd: 3 * 850 },
    });
    expect(JSON.parse(preview.stdout).nextRuns).toHaveLength(3);
    expect(preview.stderr).toContain('--yes');
    const created = await run(...args, '--template', 'Chào {name}, cài Bluezone: {link}', '--yes');
    expect(JSON.parse(created.stdout.split('\n')[1] ?? '')).toMatchObject({ created: 1 });
    const typo = await run(...args, '--template', 'Chào {nmae}');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('unknown placeholder {nmae}');
    expect((await run(...args, '--template', 'x', '--at', '2026-12-01T01:00:00Z')).code).toBe(2);
  });
});
