// Units are archived, not deleted (their installs, rosters and history stay and keep counting
// above them), and restored; populations that disagree with the areas under them are warnings
// in the units list, the import's answer, the coverage report and its XLSX.
import { DIALECTS } from '@bluezone/test-support/server';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DistrictApi, districtApi, json } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const HEADER = 'code,name,kind,parent_code,population\n';

describe.each(DIALECTS)('archived units and population warnings on %s', (dialect) => {
  let t: RolloutTestContext;
  let admin: string;
  let huongPhu: string;
  let send: DistrictApi['send'];
  let attest: DistrictApi['attest'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ admin, huongPhu, send, attest } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const coverageOf = async (code: string, query = '') => {
    const report = await json(await send('GET', `/api/rollout/coverage${query}`));
    return report.units.find((u: { code: string }) => u.code === code);
  };

  it('archives a village without losing its installs, refuses new ones, and restores it', async () => {
    expect((await attest({ homeUnitCode: '20164-04', installId: 'install-archive-0001' })).status).toBe(201);

    const archived = await json(await send('POST', '/api/rollout/units/20164-04/archive', undefined, huongPhu));
    expect(archived.unit).toMatchObject({ code: '20164-04' });
    expect(archived.unit.archivedAt).toBe(new Date(t.clock.now()).toISOString());
    // Archiving twice is the same answer.
    expect((await send('POST', '/api/rollout/units/20164-04/archive', undefined, huongPhu)).status).toBe(200);

    // Left out of default lists, listed when asked; its install still counts in the commune.
    const list = await json(await send('GET', '/api/rollout/units'));
    expect(list.units.map((u: { code: string }) => u.code)).not.toContain('20164-04');
    const all = await json(await send('GET', '/api/rollout/units?archived=include'));
    expect(all.units.map((u: { code: string }) => u.code)).toContain('20164-04');
    const only = await json(await send('GET', '/api/rollout/units?archived=only'));
    expect(only.units.map((u: { code: string }) => u.code)).toEqual(['20164-04']);
    expect(await coverageOf('20164-04')).toBeUndefined();
    expect(await coverageOf('20164-04', '?archived=include')).toMatchObject({ members: 1, archived: true });
    expect(await coverageOf('20164')).toMatchObject({ members: 1 });
    expect((await send('GET', '/api/rollout/units.csv')).status).toBe(200);
    expect(await (await send('GET', '/api/rollout/units.csv')).text()).not.toContain('20164-04');

    // No new install, and no import row, goes to an archived unit; the known install may attest.
    const refused = await attest({ homeUnitCode: '20164-04', installId: 'install-archive-0002' });
    expect(await json(refused, 409)).toMatchObject({ code: 'unit_archived' });
    expect((await attest({ installId: 'install-archive-0001' })).status).toBe(200);
    const imported = await send(
      'POST',
      '/api/rollout/units/import',
      `${HEADER}20164-04,Thôn 4,village,20164,975\n20164-04B,Xóm,business,20164-04,10\n`,
      admin,
      'text/csv',
    );
    const problem = await json(imported, 400);
    expect(problem.code).toBe('csv_invalid');
    expect(problem.details.errors.map((e: { line: number }) => e.line)).toEqual([2, 3]);
    const installs = await t.db.selectFrom('rollout_install').select('install_id').execute();
    expect(installs.map((r) => r.install_id)).toEqual(['install-archive-0001']);

    // Restored: listed and taking installs again.
    const restored = await json(await send('POST', '/api/rollout/units/20164-04/restore', undefined, huongPhu));
    expect(restored.unit.archivedAt).toBeNull();
    expect((await attest({ homeUnitCode: '20164-04', installId: 'install-archive-0002' })).status).toBe(201);
    expect(await coverageOf('20164-04')).toMatchObject({ members: 2, archived: false });
  });

  it('archives a commune only after the units under it, and keeps scopes', async () => {
    const busy = await json(await send('POST', '/api/rollout/units/20173/archive'), 409);
    expect(busy).toMatchObject({ code: 'unit_has_children' });
    // A manager archives under their unit, never the unit itself or another commune's.
    expect(await json(await send('POST', '/api/rollout/units/20164/archive', undefined, huongPhu), 403)).toMatchObject({
      code: 'forbidden',
    });
    expect((await send('POST', '/api/rollout/units/20167-01/archive', undefined, huongPhu)).status).toBe(403);
    expect(await json(await send('POST', '/api/rollout/units/NOPE/archive'), 404)).toMatchObject({
      code: 'unknown_unit',
    });
    for (const code of ['20173-01', '20173-02', '20173-03', '20173-04', '20173-TYT', '20173']) {
      expect((await send('POST', `/api/rollout/units/${code}/archive`)).status, code).toBe(200);
    }
    // A village is restored only once its commune is.
    expect(await json(await send('POST', '/api/rollout/units/20173-01/restore'), 409)).toMatchObject({
      code: 'unit_archived',
    });
    expect((await send('POST', '/api/rollout/units/20173/restore')).status).toBe(200);
    expect((await send('POST', '/api/rollout/units/20173-01/restore')).status).toBe(200);
    expect((await send('GET', '/api/rollout/units?archived=bad')).status).toBe(400);
  });

  it('warns where a commune’s population disagrees with its villages’, everywhere it shows', async () => {
    // The issue's figures: Thượng Quảng 2,600 against its villages' 2,968.
    const villages = [742, 742, 742, 742].map((p, i) => `20173-0${i + 1},Thôn ${i + 1},village,20173,${p}`).join('\n');
    const imported = await json(
      await send('POST', '/api/rollout/units/import', `${HEADER}${villages}\n`, admin, 'text/csv'),
    );
    const warning = { code: '20173', name: 'Xã Thượng Quảng', population: 2600, childrenPopulation: 2968, children: 4 };
    expect(imported).toEqual({ imported: 4, warnings: [warning] });

    const units = await json(await send('GET', '/api/rollout/units'));
    expect(units.warnings).toEqual([warning]);
    const report = await json(await send('GET', '/api/rollout/coverage'));
    expect(report.warnings).toEqual([warning]);
    expect(report.units.find((u: { code: string }) => u.code === '20173')).toMatchObject({
      population: 2600,
      childrenPopulation: 2968,
    });
    // The district's own 25,000 still matches its communes; a manager of another commune sees no warning.
    expect((await json(await send('GET', '/api/rollout/units', undefined, huongPhu))).warnings).toEqual([]);
    const xlsx = unzipSync(new Uint8Array(await (await send('GET', '/api/rollout/report?format=xlsx')).arrayBuffer()));
    const text = Object.entries(xlsx)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(text).toContain('Warnings');
    expect(text).toContain('2968');
    const csv = await (await send('GET', '/api/rollout/report?format=csv')).text();
    expect(csv).toContain('20173,Xã Thượng Quảng,commune,483,2600,0.6,1560,0,0,0,0,0,yes,2968');

    // An archived village leaves the sum: 3 × 742 = 2,226.
    await send('POST', '/api/rollout/units/20173-04/archive');
    expect((await json(await send('GET', '/api/rollout/units'))).warnings).toEqual([
      { ...warning, childrenPopulation: 2226, children: 3 },
    ]);
  });
});
