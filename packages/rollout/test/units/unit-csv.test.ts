import { describe, expect, it } from 'vitest';
import { RolloutError } from '../../src/rollout-error';
import { namDongSeed } from '../../src/units/nam-dong-seed';
import { subtreeCodes } from '../../src/units/unit';
import { parseUnitsCsv, unitsToCsv } from '../../src/units/unit-csv';

function csvErrors(fn: () => unknown): { line: number; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RolloutError);
    expect((e as RolloutError).code).toBe('csv_invalid');
    return ((e as RolloutError).details as { errors: { line: number; message: string }[] }).errors;
  }
  throw new Error('expected csv_invalid');
}

describe('Nam Đông seed', () => {
  const seed = namDongSeed();
  it('has the district and its 10 communes with their official codes', () => {
    expect(seed.find((u) => u.code === '483')).toMatchObject({
      name: 'Huyện Nam Đông',
      kind: 'district',
      parentCode: null,
    });
    const communes = seed.filter((u) => u.parentCode === '483' && (u.kind === 'commune' || u.kind === 'town'));
    expect(communes.map((u) => `${u.code} ${u.name}`)).toEqual([
      '20161 Thị trấn Khe Tre',
      '20164 Xã Hương Phú',
      '20167 Xã Hương Sơn',
      '20170 Xã Hương Lộc',
      '20173 Xã Thượng Quảng',
      '20179 Xã Hương Xuân',
      '20182 Xã Hương Hữu',
      '20185 Xã Thượng Lộ',
      '20188 Xã Thượng Long',
      '20191 Xã Thượng Nhật',
    ]);
    expect(subtreeCodes('483', seed).size).toBe(seed.length);
    expect(subtreeCodes('20164', seed)).toEqual(
      new Set(['20164', '20164-01', '20164-02', '20164-03', '20164-04', '20164-THCS', '20164-UBND']),
    );
  });
  it('round-trips through CSV', () => {
    expect(parseUnitsCsv(unitsToCsv(seed))).toEqual(seed);
  });
});

describe('units CSV import', () => {
  const header = 'code,name,kind,parent_code,target_group,population,target_share,person_in_charge,contact_phone';
  it('accepts parents later in the file, percentages and local phone numbers', () => {
    const units = parseUnitsCsv(
      [
        header,
        '20164-09,"Thôn 9, Hương Phú",village,20164,,310,70%,Lê Văn A,0912 345 678',
        '20164,Xã Hương Phú,commune,483,residents,3900,,,',
        '483,Huyện Nam Đông,district,,,26000,0.6,,',
      ].join('\n'),
    );
    expect(units[0]).toMatchObject({
      code: '20164-09',
      name: 'Thôn 9, Hương Phú',
      targetGroup: 'residents',
      targetShare: 0.7,
      contactPhone: '+84912345678',
    });
    expect(units[1]?.targetShare).toBe(0.6);
  });
  it('reports every bad row with its line number', () => {
    const errors = csvErrors(() =>
      parseUnitsCsv(
        [
          header,
          '483,Huyện Nam Đông,district,,,26000,,,', // 2 ok
          '20164,Xã Hương Phú,commune,483,,many,,,', // 3 population
          'bad code!,X,village,20164,,1,,,', // 4 code
          '20167,Xã Hương Sơn,planet,483,,1,,,', // 5 kind
          '20170,Xã Hương Lộc,commune,999,,1,,,', // 6 unknown parent
          '20173,"Xã Thượng\nQuảng",commune,483,,1,150%,,', // 7-8 share (a quoted newline)
          '20179,Xã Hương Xuân,commune,483,,1,,,0234 382 2222', // 9 landline
          '20182-01,Thôn 1,village,483,,1,,,', // 10 village under district
          '483,Again,district,,,1,,,', // 11 repeat
        ].join('\n'),
      ),
    );
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 8, 9, 10, 11]);
    expect(errors[0]?.message).toContain('population');
    expect(errors[3]?.message).toContain('999');
    expect(errors[5]?.message).toContain('Vietnamese mobile');
    expect(errors[6]?.message).toContain('cannot sit under district');
    expect(errors[7]?.message).toContain('repeats line 2');
  });
  it('checks parents against units already stored and refuses cycles', () => {
    const existing = [{ code: '20164', kind: 'commune' as const, parentCode: '483' }];
    expect(parseUnitsCsv(`${header}\n20164-05,Thôn 5,village,20164,,100,,,`, existing)).toHaveLength(1);
    const errors = csvErrors(() =>
      parseUnitsCsv(`${header}\nA1,Thôn A,village,B1,,1,,,\nB1,Thôn B,village,A1,,1,,,`, existing),
    );
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });
  it('refuses a missing column and malformed CSV', () => {
    expect(csvErrors(() => parseUnitsCsv('code,name\nA1,x'))[0]?.message).toContain('kind');
    expect(csvErrors(() => parseUnitsCsv(`${header}\n"A1,x`))).toHaveLength(1);
  });
});
