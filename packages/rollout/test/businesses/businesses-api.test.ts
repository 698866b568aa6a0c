// Businesses recommending Bluezone (order 5): each has a counter QR (its install link); installs
// from it are "recommended by" the business and count at the customer's home; per-business
// results in the API and the report; a printable window sticker whose QR decodes to the link.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS } from '@bluezone/test-support/server';
import { strFromU8, unzipSync } from 'fflate';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STICKER_TEXT } from '../../src/posters/window-sticker';
import { type DistrictApi, districtApi, json } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'bluezone-sticker-'));

describe.each(DIALECTS)('businesses recommending the app on %s', (dialect) => {
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

  const units = async () =>
    Number(
      (
        await t.db
          .selectFrom('rollout_unit')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('counts installs recommended by a business apart from where its customers live', async () => {
    const { business } = await json(
      await send(
        'POST',
        '/api/rollout/businesses',
        {
          parentCode: '20164-02',
          name: 'Tạp hóa Cô Lan',
          customers: 200,
          personInCharge: 'Cô Lan',
          contactPhone: '0905 111 222',
        },
        huongPhu,
      ),
      201,
    );
    expect(business).toMatchObject({
      code: '20164-02-B1',
      parentName: 'Thôn 2',
      customers: 200,
      target: 120,
      recommended: 0,
      contactPhone: '+84905111222',
      installLink: 'http://localhost/app/?unit=20164-02-B1',
    });

    // Three customers install from the counter QR: two from Hương Phú, one from Khe Tre.
    for (const [i, home] of ['20164-02', '20164-03', '20161-01'].entries()) {
      const r = await json(
        await attest({ unitCode: '20164-02-B1', homeUnitCode: home, installId: `customer-lan-${i}-00000` }),
        201,
      );
      expect(r).toMatchObject({
        unitCode: home,
        broughtInBy: { kind: 'unit', unitCode: '20164-02-B1', name: 'Tạp hóa Cô Lan' },
      });
    }
    t.clock.advance(8 * DAY);
    await json(
      await attest({
        unitCode: '20164-02-B1',
        homeUnitCode: '20164-01',
        installId: 'customer-lan-3-00000',
        tracingActive: false,
      }),
      201,
    );

    const { businesses } = await json(await send('GET', '/api/rollout/businesses', undefined, huongPhu));
    const lan = businesses.find((b: { code: string }) => b.code === '20164-02-B1');
    expect(lan).toMatchObject({ recommended: 4, active: 0, lastWeek: 1, share: 4 / 200 });
    // The district sees every business, Khe Tre's market too; the manager only Hương Phú's.
    const all = (await json(await send('GET', '/api/rollout/businesses'))).businesses.map(
      (b: { code: string }) => b.code,
    );
    expect(all).toEqual(expect.arrayContaining(['20161-CHO', '20161-QUAN', '20164-02-B1']));
    expect(businesses.map((b: { code: string }) => b.code)).toEqual(['20164-02-B1']);

    // At home: Hương Phú 3, Khe Tre 1; the shop's village gets only its own resident.
    const report = await json(await send('GET', '/api/rollout/coverage'));
    const at = (code: string) => report.units.find((u: { code: string }) => u.code === code);
    expect(at('20164-02').members).toBe(1);
    expect(at('20164').members).toBe(3);
    expect(at('20161').members).toBe(1);
    expect(at('20164-02-B1')).toMatchObject({ kind: 'business', members: 4 });
    const xlsx = unzipSync(new Uint8Array(await (await send('GET', '/api/rollout/report?format=xlsx')).arrayBuffer()));
    const text = Object.entries(xlsx)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(text).toContain('Businesses');
    expect(text).toContain('Tạp hóa Cô Lan');

    // Archived, it drops out of the list and takes no new customer; its figures stay.
    await json(await send('POST', '/api/rollout/units/20164-02-B1/archive', undefined, huongPhu));
    expect((await json(await send('GET', '/api/rollout/businesses', undefined, huongPhu))).businesses).toEqual([]);
    const kept = await json(await send('GET', '/api/rollout/businesses?archived=include', undefined, huongPhu));
    expect(kept.businesses[0]).toMatchObject({ code: '20164-02-B1', recommended: 4 });
    expect(kept.businesses[0].archivedAt).not.toBeNull();
    const refused = await attest({
      unitCode: '20164-02-B1',
      homeUnitCode: '20164-01',
      installId: 'customer-lan-4-00000',
    });
    expect(await json(refused, 409)).toMatchObject({ code: 'unit_archived' });
  });

  it('prints a window sticker whose QR carries the counter link, with the Vietnamese text', async () => {
    for (const size of ['A5', 'A6'] as const) {
      const res = await send('GET', `/api/rollout/businesses/20161-CHO/sticker.pdf?size=${size}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const file = join(dir, `${dialect}-${size}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const s of [STICKER_TEXT.title, STICKER_TEXT.titleEn, 'Chợ Khe Tre', STICKER_TEXT.scan]) {
        expect(text).toContain(s);
      }
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(
        size === 'A5' ? /Page size:\s+419\.5\d? x 595\.2\d? pts/ : /Page size:\s+297\.6\d? x 419\.5\d? pts/,
      );
      execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', file, join(dir, `${dialect}-${size}`)]);
      const png = PNG.sync.read(readFileSync(join(dir, `${dialect}-${size}.png`)));
      const qr = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
        png.width,
        png.height,
      );
      expect(qr?.data).toBe('http://localhost/app/?unit=20161-CHO');
    }
    // A5 by default.
    expect((await send('GET', '/api/rollout/businesses/20161-CHO/sticker.pdf')).status).toBe(200);
  });

  it('refuses bad businesses and stickers with problem bodies, storing nothing', async () => {
    const before = await units();
    const bad: [object, number, string, string?][] = [
      [{ parentCode: '20164-THCS', name: 'Căng tin' }, 400, 'invalid_input'],
      [{ parentCode: '483', name: 'Siêu thị' }, 400, 'invalid_input'],
      [{ parentCode: '20164', name: 'Chợ', code: '20161-CHO' }, 409, 'conflict'],
      [{ parentCode: '20164', name: 'Chợ', code: 'bad code!' }, 400, 'invalid_input'],
      [{ parentCode: '20164', name: '  ' }, 400, 'invalid_request'],
      [{ parentCode: '20164', name: 'Chợ', customers: -1 }, 400, 'invalid_request'],
      [{ parentCode: '20164', name: 'Chợ', contactPhone: '12' }, 400, 'invalid_phone'],
      [{ parentCode: 'NOPE', name: 'Chợ' }, 404, 'unknown_unit'],
      [{ parentCode: '20167', name: 'Chợ' }, 403, 'forbidden', huongPhu],
    ];
    for (const [body, status, code, key] of bad) {
      const res = await send('POST', '/api/rollout/businesses', body, key ?? admin);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { code: string }).code, JSON.stringify(body)).toBe(code);
    }
    expect(await units()).toBe(before);
    const sticker = (path: string, key = admin) => send('GET', `/api/rollout/businesses/${path}`, undefined, key);
    expect(await json(await sticker('20161-THPT/sticker.pdf'), 400)).toMatchObject({ code: 'invalid_input' });
    expect((await sticker('20161-CHO/sticker.pdf?size=A0')).status).toBe(400);
    expect(await json(await sticker('20161-CHO/sticker.pdf', huongPhu), 403)).toMatchObject({ code: 'forbidden' });
    expect(await json(await sticker('NOPE/sticker.pdf'), 404)).toMatchObject({ code: 'unknown_unit' });
  });
});
