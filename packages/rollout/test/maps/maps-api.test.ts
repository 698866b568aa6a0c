// Maps over HTTP: the schematic map of the district's communes until an admin uploads real
// boundaries (checked feature by feature, all or nothing, every bad one named with a code), and
// back to the schematic map with an empty upload; managers read only their own subtree.
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const square = (lon: number, lat: number, d = 0.01) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ],
];

describe.each(DIALECTS)('rollout maps API on %s', (dialect) => {
  let t: RolloutTestContext;
  let huongPhu: string;
  let send: DistrictApi['send'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ huongPhu, send } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const get = (path: string, key?: string) => send('GET', path, undefined, key);
  const upload = (code: string, body: object, key?: string) => send('POST', `/api/rollout/maps/${code}`, body, key);

  it('serves the schematic map of the communes, then an upload, then the schematic map again', async () => {
    const res = await get('/api/rollout/maps/483');
    expect(res.status).toBe(200);
    const schematic = await res.json();
    expect(schematic.source).toBe('schematic');
    expect(schematic.areas).toHaveLength(10);
    expect(schematic.areas.find((a: { code: string }) => a.code === '20161').name).toBe('Thị trấn Khe Tre');
    expect(schematic.attribution).toMatch(/không phải ranh giới/);
    expect(schematic.outline[0][0].length).toBeGreaterThan(8);

    const uploaded = await upload('483', {
      type: 'FeatureCollection',
      attribution: '© Sở Tài nguyên và Môi trường (thử nghiệm)',
      features: [
        {
          type: 'Feature',
          properties: { code: '20161' },
          geometry: { type: 'Polygon', coordinates: square(107.7, 16.1) },
        },
        {
          type: 'Feature',
          properties: { ma: 20164, ten: 'Hương Phú' },
          geometry: { type: 'MultiPolygon', coordinates: [square(107.7, 16.2), square(107.72, 16.2)] },
        },
      ],
    });
    expect(uploaded.status).toBe(200);
    const map = await (await get('/api/rollout/maps/483')).json();
    expect(map).toMatchObject({ source: 'uploaded', attribution: '© Sở Tài nguyên và Môi trường (thử nghiệm)' });
    expect(map.areas.map((a: { code: string; polygons: unknown[] }) => [a.code, a.polygons.length])).toEqual([
      ['20161', 1],
      ['20164', 2],
    ]);
    expect(map.uploadedBy).toMatch(/^apikey:/);

    expect((await upload('483', { type: 'FeatureCollection', features: [] })).status).toBe(200);
    expect((await (await get('/api/rollout/maps/483')).json()).source).toBe('schematic');
  });

  it('refuses a bad upload whole, naming each bad feature with a code, and stores nothing', async () => {
    const res = await upload('483', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '20161' },
          geometry: { type: 'Polygon', coordinates: square(107.7, 16.1) },
        },
        { type: 'Feature', properties: { code: '99999' }, geometry: { type: 'Polygon', coordinates: square(107, 16) } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square(107, 16) } },
        {
          type: 'Feature',
          properties: { code: '20167' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [107, 16],
                [107.1, 16],
                [107.1, 16.1],
                [107, 16.2],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { code: '20161' },
          geometry: { type: 'Polygon', coordinates: square(107.7, 16.1) },
        },
      ],
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('geojson_invalid');
    expect(
      problem.details.errors.map((e: { index: number; code: string; field: string }) => [e.index, e.code, e.field]),
    ).toEqual([
      [1, 'unknown_unit', 'properties.code'],
      [2, 'invalid_input', 'properties.code'],
      [3, 'geojson_invalid', 'geometry.coordinates'],
      [4, 'conflict', 'properties.code'],
    ]);
    expect((await (await get('/api/rollout/maps/483')).json()).source).toBe('schematic');

    // Not GeoJSON at all: the request validation names the field.
    const bad = await upload('483', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point' } }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).field).toMatch(/^features\.0\./);
  });

  it("lets only admins upload, and managers read only their subtree's maps", async () => {
    const body = { type: 'FeatureCollection', features: [] };
    expect((await upload('20164', body, huongPhu)).status).toBe(403);
    expect((await get('/api/rollout/maps/483', huongPhu)).status).toBe(403);
    // A commune's villages have no bundled centres: no map (the dashboard shows bars instead).
    const none = await get('/api/rollout/maps/20164', huongPhu);
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe('not_found');
  });
});
