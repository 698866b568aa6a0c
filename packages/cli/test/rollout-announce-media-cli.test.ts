// `bluezone rollout …` for issue 14's orders 7 and 8 and the past one-off campaign, in-process on
// a fresh SQLite data directory with the Nam Đông demo units and scripts (the clock is the real one).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

let dir: string;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runCli(dir, argv, { LOG_LEVEL: 'silent' });
  const own = stderr.filter((l) => !/^bluezone: (database: |warning: no database in )/.test(l));
  return { code, stdout: stdout.join('\n'), stderr: own.join('\n') };
}

const HOUR = 3_600_000;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bz-rollout-media-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bluezone rollout: campaigns, scripts, the broadcast log and media ad time', () => {
  it('refuses a one-off campaign whose time has passed, and sends one now when asked', async () => {
    const args = [
      'rollout',
      'campaign',
      'create',
      '--unit',
      '20164',
      '--name',
      'Nhắc',
      '--template',
      'Cài Bluezone: {link}',
    ];
    const past = await run(...args, '--at', new Date(Date.now() - 5_000).toISOString(), '--yes');
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('is already past');
    expect(past.stderr).toContain('--send-now-if-past');
    const now = await run(...args, '--at', 'now', '--yes');
    expect(now.code).toBe(0);
    expect(JSON.parse(now.stdout.split('\n')[1] ?? '')).toMatchObject({ created: 1, status: 'active' });
  });

  it('records the valid rows of an arrivals file, roaming numbers included, and names each bad line', async () => {
    writeFileSync(
      join(dir, 'arrivals.csv'),
      'phone,arrived_at\n0912 000 001,2026-12-01T02:00:00Z\n+44 7700 900123,2026-12-01T02:10:00Z\n12345,2026-12-01T02:20:00Z\n0912000002,hôm qua\n',
    );
    const r = await run('rollout', 'arrivals', 'import', 'arrivals.csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('recorded 2 arrival(s) (1 international), 2 welcome SMS queued');
    expect(r.stderr).toContain('2 bad row(s) left out');
    expect(r.stderr).toContain('line 4: phone invalid_phone');
    expect(r.stderr).toContain('line 5: arrivedAt invalid_input');
    writeFileSync(join(dir, 'bad-arrivals.csv'), 'phone,arrived_at\n12345,2026-12-01T02:20:00Z\n');
    const bad = await run('rollout', 'arrivals', 'import', 'bad-arrivals.csv');
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('no valid row, nothing recorded')]);
    expect(bad.stderr).toContain('line 2:');
  });

  it('edits and retires scripts, and logs broadcasts once and never ahead of their time', async () => {
    const edited = await run(
      'rollout',
      'announce',
      '--script',
      '1',
      '--text',
      'Bà con hãy cài Bluezone.',
      '--repeat',
      '0 17 * * *',
    );
    expect(edited.code).toBe(0);
    expect(edited.stdout).toContain('Bà con hãy cài Bluezone.');
    expect(edited.stdout).toMatch(/next: \d{4}-\d{2}-\d{2}T10:00:00\.000Z/); // 17:00 in Vietnam
    expect((await run('rollout', 'announce', '--script', '1', '--repeat', 'often')).code).toBe(1);
    expect((await run('rollout', 'announce', '--script', '3', '--retire')).stdout).toContain('retired script 3');
    expect((await run('rollout', 'announce')).stdout).toMatch(/^3\tscreen\tretired /m);
    expect((await run('rollout', 'announce', '--script', '3', '--text', 'x')).code).toBe(1);

    const log = (at: number, ...more: string[]) =>
      run(
        'rollout',
        'broadcasts',
        'log',
        '--script',
        '1',
        '--unit',
        '20164-01',
        '--station',
        'Loa thôn 1',
        '--at',
        new Date(at).toISOString(),
        ...more,
      );
    const yesterday = Date.now() - 20 * HOUR;
    expect((await log(yesterday, '--outcome', 'aired')).code).toBe(0);
    const twice = await log(yesterday, '--outcome', 'aired');
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('already logged')]);
    const ahead = await log(Date.now() + 2 * HOUR, '--outcome', 'aired');
    expect([ahead.code, ahead.stderr]).toEqual([1, expect.stringContaining('has not happened yet')]);
    expect((await log(yesterday - 24 * HOUR, '--outcome', 'missed', '--reason', 'Mất điện')).code).toBe(0);
    const list = await run('rollout', 'broadcasts', 'list', '--unit', '20164');
    expect(list.stdout).toContain('missed\t20164-01\tLoa thôn 1');
    expect(list.stdout).toContain('operator (CLI)');
    expect(list.stdout.split('\n').at(-1)).toBe('aired 1, missed 1');
  });

  it('books media slots for a script, refuses a confirmation before they air, and reports planned per week', async () => {
    const partner = await run('rollout', 'media', 'partner', '--unit', '483', '--name', 'Đài TRT', '--kind', 'tv');
    expect(JSON.parse(partner.stdout)).toMatchObject({ id: 1, kind: 'tv' });
    expect((await run('rollout', 'media', 'partner', '--unit', '483', '--name', 'X', '--kind', 'print')).code).toBe(2);
    const tomorrow = new Date(Date.now() + 24 * HOUR).toISOString();
    const book = [
      'rollout',
      'media',
      'book',
      '--partner',
      '1',
      '--script',
      '2',
      '--seconds',
      '30',
      '--cost',
      '1500000',
      '--reach',
      '20000',
    ];
    expect((await run(...book, '--at', new Date(Date.now() - HOUR).toISOString())).code).toBe(1);
    const booked = await run(...book, '--at', tomorrow);
    expect(booked.code).toBe(0);
    expect(JSON.parse(booked.stdout)).toMatchObject({ id: 1, status: 'booked', costVnd: 1_500_000 });
    const early = await run('rollout', 'media', 'confirm', '--slot', '1', '--outcome', 'aired');
    expect([early.code, early.stderr]).toEqual([1, expect.stringContaining('confirm it after that')]);
    const csv = (await run('rollout', 'media', 'report')).stdout.split('\n');
    expect(csv[0]).toBe(
      'week_starting,planned_slots,aired_slots,missed_slots,unconfirmed_slots,planned_cost_vnd,aired_cost_vnd,planned_reach,aired_reach',
    );
    expect(csv[1]).toMatch(/^\d{4}-\d{2}-\d{2},1,0,0,0,1500000,0,20000,0$/);
  });
});
