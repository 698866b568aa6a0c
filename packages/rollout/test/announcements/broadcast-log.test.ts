// Order 7 through the API on both databases: scripts edited and retired, the broadcast log (aired
// or missed, by whom, per commune loudspeaker or station), and each bad report answered with a
// problem body that stores nothing.
import { type AppEnv, createApiKey, createApp } from '@bluezone/server';
import { checkedApp, DIALECTS, TEST_EPOCH } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Script {
  id: number;
  text: string;
  repeat: string;
  retiredAt: string | null;
  updatedAt: string | null;
  nextBroadcasts: string[];
}

describe.each(DIALECTS)('announcement scripts and the broadcast log on %s', (dialect) => {
  let t: RolloutTestContext;
  let app: Hono<AppEnv>;
  let admin: string;
  let huongPhu: string;
  let thuongLo: string;

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    app = checkedApp(createApp(t.ctx, t.features));
    await seedUnitsIfEmpty(t.db, t.clock);
    admin = (await createApiKey(t.ctx.database, t.clock, 'admin')).key;
    huongPhu = (await createRolloutKey(t.db, t.clock, { unitCode: '20164', name: 'Xã Hương Phú' })).key;
    thuongLo = (await createRolloutKey(t.db, t.clock, { unitCode: '20167', name: 'Xã Thượng Lộ' })).key;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const send = (method: string, path: string, key: string, body?: object) =>
    app.request(path, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const scripts = async (key: string) =>
    ((await (await send('GET', '/api/rollout/announcements', key)).json()) as { announcements: Script[] })
      .announcements;
  const logged = () => t.db.selectFrom('rollout_broadcast').selectAll().execute();
  const script = {
    unitCode: '20164',
    channel: 'loudspeaker',
    title: 'Loa xã Hương Phú',
    text: 'Bà con Hương Phú hãy cài Bluezone.',
    repeat: '0 17 * * *',
  };

  it('edits a script in its unit, keeps the edit whole or not at all, and schedules from the new rule', async () => {
    const created = await send('POST', '/api/rollout/announcements', huongPhu, script);
    const { id } = (await created.json()) as { id: number };
    const edited = await send('PATCH', `/api/rollout/announcements/${id}`, huongPhu, {
      text: 'Bà con hãy cài Bluezone và bật Bluetooth.',
      repeat: '30 6 * * *',
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      text: 'Bà con hãy cài Bluezone và bật Bluetooth.',
      repeat: '30 6 * * *',
    });
    const [after] = await scripts(huongPhu);
    expect(after?.nextBroadcasts[0]).toBe('2026-11-20T23:30:00.000Z'); // 06:30 tomorrow in Vietnam
    expect(after?.updatedAt).toBe(new Date(TEST_EPOCH).toISOString());

    // A bad rule, an unknown field or an empty text changes nothing.
    for (const bad of [{ repeat: 'sometimes', text: 'Khác' }, { unitCode: '20167' }, { text: '  ' }]) {
      const res = await send('PATCH', `/api/rollout/announcements/${id}`, huongPhu, bad);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await scripts(huongPhu))[0]).toMatchObject({ text: 'Bà con hãy cài Bluezone và bật Bluetooth.' });
    // Another commune's manager may not touch it, nor see it.
    expect((await send('PATCH', `/api/rollout/announcements/${id}`, thuongLo, { text: 'x' })).status).toBe(403);
    expect(await scripts(thuongLo)).toEqual([]);
    expect((await send('PATCH', '/api/rollout/announcements/999', admin, { text: 'x' })).status).toBe(404);
  });

  it('logs each broadcast aired or missed per loudspeaker, by whom, once, and never ahead of its time', async () => {
    // A district script airs on every commune's loudspeakers: the commune manager sees it and logs it.
    const district = await send('POST', '/api/rollout/announcements', admin, { ...script, unitCode: '483' });
    const { id } = (await district.json()) as { id: number };
    expect((await scripts(huongPhu)).map((s) => s.id)).toEqual([id]);
    const at = (ms: number) => new Date(ms).toISOString();
    const report = (body: object, key = huongPhu) =>
      send('POST', `/api/rollout/announcements/${id}/broadcasts`, key, {
        unitCode: '20164-01',
        station: 'Loa thôn 1',
        scheduledAt: at(TEST_EPOCH - 14 * HOUR), // 17:00 yesterday in Vietnam
        outcome: 'aired',
        ...body,
      });
    const aired = await report({});
    expect(aired.status).toBe(201);
    expect(await aired.json()).toMatchObject({
      announcementId: id,
      title: 'Loa xã Hương Phú',
      unitCode: '20164-01',
      unitName: 'Thôn 1',
      station: 'Loa thôn 1',
      outcome: 'aired',
      reason: null,
      recordedBy: 'Xã Hương Phú (#1)',
    });
    const missed = await report({
      unitCode: '20164-02',
      station: 'Loa thôn 2',
      outcome: 'missed',
      reason: 'Mất điện',
    });
    expect(missed.status).toBe(201);

    const refusals: [object, number, string][] = [
      [{}, 409, 'conflict'], // the same broadcast twice
      [{ scheduledAt: at(TEST_EPOCH + 10 * HOUR) }, 409, 'broadcast_in_future'],
      [{ reason: 'Không rõ' }, 400, 'invalid_input'], // a reason goes with "missed" only
      [{ outcome: 'played' }, 400, 'invalid_request'],
      [{ unitCode: '20167' }, 403, 'forbidden'], // another commune's loudspeaker
      [{ station: '' }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await report(body);
      expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([status, code]);
    }
    // A commune script does not air in another commune.
    const own = (await (await send('POST', '/api/rollout/announcements', admin, script)).json()) as { id: number };
    const elsewhere = await send('POST', `/api/rollout/announcements/${own.id}/broadcasts`, admin, {
      unitCode: '20167',
      station: 'Loa xã',
      scheduledAt: at(TEST_EPOCH - HOUR),
      outcome: 'aired',
    });
    expect([elsewhere.status, ((await elsewhere.json()) as { code: string }).code]).toEqual([400, 'invalid_input']);
    expect(await logged()).toHaveLength(2);

    const log = (await (await send('GET', '/api/rollout/broadcasts', huongPhu)).json()) as {
      broadcasts: { station: string; outcome: string; reason: string | null }[];
      aired: number;
      missed: number;
    };
    expect(log).toMatchObject({ aired: 1, missed: 1 });
    // Newest broadcast first; of one time, the latest report first.
    expect(log.broadcasts.map((b) => [b.station, b.outcome, b.reason])).toEqual([
      ['Loa thôn 2', 'missed', 'Mất điện'],
      ['Loa thôn 1', 'aired', null],
    ]);
    const village = (await (await send('GET', '/api/rollout/broadcasts?unit=20164-02', admin)).json()) as {
      broadcasts: unknown[];
    };
    expect(village.broadcasts).toHaveLength(1);
    const other = (await (await send('GET', '/api/rollout/broadcasts', thuongLo)).json()) as { aired: number };
    expect(other.aired).toBe(0);
    expect((await send('GET', '/api/rollout/broadcasts?unit=20164', thuongLo)).status).toBe(403);
    expect((await send('GET', '/api/rollout/broadcasts?limit=0', admin)).status).toBe(400);
  });

  it('retires a script: no next broadcasts, no edits, its log kept and late reports of earlier broadcasts taken', async () => {
    const { id } = (await (await send('POST', '/api/rollout/announcements', huongPhu, script)).json()) as {
      id: number;
    };
    t.clock.advance(DAY);
    const retired = await send('POST', `/api/rollout/announcements/${id}/retire`, huongPhu);
    expect(retired.status).toBe(200);
    expect(await retired.json()).toMatchObject({ retiredAt: new Date(TEST_EPOCH + DAY).toISOString() });
    expect((await scripts(huongPhu))[0]).toMatchObject({ nextBroadcasts: [] });
    expect((await send('POST', `/api/rollout/announcements/${id}/retire`, huongPhu)).status).toBe(409);
    const edit = await send('PATCH', `/api/rollout/announcements/${id}`, huongPhu, { text: 'Mới' });
    expect([edit.status, ((await edit.json()) as { code: string }).code]).toEqual([409, 'announcement_retired']);

    const report = (scheduledAt: number) =>
      send('POST', `/api/rollout/announcements/${id}/broadcasts`, huongPhu, {
        unitCode: '20164',
        station: 'Đài xã',
        scheduledAt: new Date(scheduledAt).toISOString(),
        outcome: 'aired',
      });
    expect((await report(TEST_EPOCH + 10 * HOUR)).status).toBe(201); // yesterday's 17:00, before retirement
    t.clock.advance(DAY);
    const late = await report(TEST_EPOCH + DAY + 10 * HOUR);
    expect([late.status, ((await late.json()) as { code: string }).code]).toEqual([409, 'announcement_retired']);
    expect(await logged()).toHaveLength(1);
  });
});
