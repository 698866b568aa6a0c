// A unit manager's CSV import: held to their subtree in both the units' current and new places,
// and a large import leaves the server answering other requests.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createTestUser, DIALECTS, logInAs } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { namDongSeed } from '../../src/units/nam-dong-seed';
import { IMPORT_BATCH_ROWS, unitsOutsideScope } from '../../src/units/unit-import';
import { addRosterEntry } from '../../src/units/units-repository';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const HEADER = 'code,name,kind,parent_code,population\n';
const PASSWORD = 'correct horse battery';

describe('unitsOutsideScope', () => {
  it('reads each unit a bounded number of times, however many rows', () => {
    // Counts element reads of both inputs: a check per row that scans all rows (the old one)
    // reads n² elements; this one reads each a few times.
    const n = 4_000;
    const existing = namDongSeed();
    const imported = Array.from({ length: n }, (_, i) => ({
      code: `20164-V${String(i).padStart(4, '0')}`,
      parentCode: '20164',
    }));
    let reads = 0;
    const counted = <T extends object>(list: readonly T[]): T[] =>
      new Proxy([...list], {
        get(target, prop, receiver) {
          if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
          return Reflect.get(target, prop, receiver);
        },
      });
    expect(unitsOutsideScope('20164', counted(existing), counted(imported))).toEqual([]);
    expect(reads).toBeLessThan(10 * (n + existing.length));
  });
});

describe.each(DIALECTS)('units CSV import by a unit manager on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: DistrictApi['app'];
  let huongPhu: string;
  let khetre: string;

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ app, huongPhu } = await districtApi(t));
    khetre = (await createRolloutKey(t.db, t.clock, { unitCode: '20161', name: 'Cán bộ thị trấn Khe Tre' })).key;
  });
  afterEach(() => t.cleanup());

  // A key or a web session's cookie and CSRF token: the test sends either.
  const importCsv = (csv: string, headers: Record<string, string>) =>
    app.request('/api/rollout/units/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...headers },
      body: csv,
    });
  const get = (path: string, headers: Record<string, string>) => app.request(path, { headers });

  /** A unit manager of `unitCode`, logged in. */
  async function login(username: string, unitCode: string): Promise<Record<string, string>> {
    await createTestUser(t, { username, role: 'unit_manager', unitCode, password: PASSWORD });
    return logInAs(app.request, username, PASSWORD);
  }

  it("refuses to move another commune's unit into the manager's subtree (key or web session)", async () => {
    await addRosterEntry(t.db, '20161-CHO', { name: 'Người bán hàng', position: null, phone: '+84912345678' });
    const session = await login('huongphu', '20164');
    // The market of Khe Tre (20161) moved under a village of Hương Phú.
    const takeover = `${HEADER}20161-CHO,Chợ Khe Tre,business,20164-01,300\n`;
    for (const headers of [{ 'x-api-key': huongPhu }, session]) {
      const res = await importCsv(takeover, headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'forbidden' });
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      // Still Khe Tre's: its manager sees it and its roster; Hương Phú's does not.
      expect((await get('/api/rollout/units/20161-CHO/roster', { 'x-api-key': khetre })).status).toBe(200);
      expect((await get('/api/rollout/units/20161-CHO/roster', headers)).status).toBe(403);
    }
    const unit = (await (await get('/api/rollout/units/20161-CHO', { 'x-api-key': khetre })).json()) as {
      unit: { parentCode: string };
    };
    expect(unit.unit.parentCode).toBe('20161');
    // Within the subtree a manager still moves units about, and adds new ones.
    const inside = await importCsv(
      `${HEADER}20164-THCS,Trường THCS Hương Phú,school,20164,450\n20164-05,Thôn 5,village,20164,100\n20164-CHO,Chợ,business,20164-05,50\n`,
      { 'x-api-key': huongPhu },
    );
    expect(inside.status).toBe(200);
    // Thôn 5's 100 residents come on top of the four villages' 3,900: the commune's own figure
    // now disagrees with its villages', which the import reports as a warning, not an error.
    expect(await inside.json()).toEqual({
      imported: 3,
      warnings: [{ code: '20164', name: 'Xã Hương Phú', population: 3900, childrenPopulation: 4000, children: 5 }],
    });
  });

  it('answers /health between the batches of a large import', async () => {
    const rows = 5_500;
    let csv = HEADER;
    for (let i = 0; i < rows; i++) csv += `20164-V${String(i).padStart(4, '0')},Thôn ${i},village,20164,10\n`;
    let done = false;
    const importing = Promise.resolve(importCsv(csv, { 'x-api-key': huongPhu })).finally(() => {
      done = true;
    });
    // One /health per turn of the event loop while the import runs: the import yields a turn
    // after each batch of rows, so /health is answered between batches rather than after it.
    let answeredDuringImport = 0;
    while (!done) {
      await nextTurn();
      const health = await app.request('/health');
      expect(health.status).toBe(200);
      if (!done) answeredDuringImport++;
    }
    const res = await importing;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: rows, warnings: [{ code: '20164', children: rows + 4 }] });
    expect(answeredDuringImport).toBeGreaterThanOrEqual(Math.floor(rows / IMPORT_BATCH_ROWS) - 1);
    const units = (await (await get('/api/rollout/units', { 'x-api-key': huongPhu })).json()) as { units: unknown[] };
    expect(units.units).toHaveLength(rows + 7);
  });
});
