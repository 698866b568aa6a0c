// The resident app's attestation against the real rollout server (in process, SQLite): a school's,
// business's or drive volunteer's QR says who brought the install in, not where the person lives,
// so a new install is refused with home_unit_required until the resident picks a home from the
// server's list; then it counts there and the receipt names who brought it in.
import * as rollout from '@bluezone/rollout';
import { type AppEnv, createApiKey, createApp } from '@bluezone/server';
import { createTestContext, type TestContext } from '@bluezone/test-support/server';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpRolloutApi } from '../src/model/rollout-api';
import { parseUnitLink } from '../src/model/unit-link';
import { testApp } from './support/app-fixture';

describe('unit links name who brought the install in', () => {
  it('reads a drive volunteer’s invite', () => {
    expect(parseUnitLink('https://bluezone.example/app/?vol=Ab12_-xyZ987')).toEqual({
      kind: 'volunteer',
      volunteerCode: 'Ab12_-xyZ987',
    });
  });
});

describe('joining from a QR that names no home, against the real server', () => {
  let t: TestContext;
  let app: Hono<AppEnv>;
  let device: string;

  beforeEach(async () => {
    const features = rollout.districtServerFeatures({});
    t = await createTestContext('sqlite', {}, { features });
    app = createApp(t.ctx, features);
    await rollout.seedUnitsIfEmpty(rollout.rolloutDb(t.ctx.database), t.clock);
    device = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const phone = () => {
    const a = testApp();
    const fetchOnServer = ((input: string | URL | Request, init?: RequestInit) =>
      app.request(String(input), init)) as typeof fetch;
    a.services.rollout = httpRolloutApi('http://bluezone.test', device, fetchOnServer);
    return a;
  };

  it('asks for the home after a school’s QR, then counts the install there', async () => {
    const { model } = phone();
    await model.load();
    const school = 'https://bluezone.test/app/?unit=20161-THPT';
    await expect(model.joinUnit(school)).rejects.toMatchObject({
      code: 'rejected',
      problem: { status: 400, code: 'home_unit_required' },
    });
    const choices = await model.homeUnitChoices();
    expect(choices[0]).toEqual({ code: '20161-01', label: 'Tổ dân phố 1, Thị trấn Khe Tre' });
    expect(choices.map((c) => c.code)).toContain('20164');
    expect(choices.map((c) => c.code)).not.toContain('20161-THPT');
    const receipt = await model.joinUnit(school, '20161-02');
    expect(receipt).toMatchObject({
      unitCode: '20161-02',
      broughtIn: true,
      broughtInBy: { kind: 'unit', unitCode: '20161-THPT', name: 'Trường THPT Nam Đông' },
    });
    expect(model.state.unit?.unitCode).toBe('20161-02');
  });

  it('sends a volunteer’s invite code with the home the resident picked', async () => {
    const db = rollout.rolloutDb(t.ctx.database);
    const units = await rollout.listUnits(db);
    const doan = units.find((u) => u.code === '483-DOAN') as rollout.Unit;
    const driveId = await rollout.createDrive(db, t.clock, doan, {
      unitCode: '483-DOAN',
      name: 'Ngày hội cài Bluezone',
      heldOn: '2026-11-22',
      place: 'Chợ Khe Tre',
      organiser: 'Huyện đoàn',
    });
    const v = await rollout.addVolunteer(db, t.clock, await rollout.getDriveRow(db, driveId), { name: 'Hoa' }, 90);
    const { model, attestations } = phone();
    await model.load();
    const receipt = await model.joinUnit(
      rollout.volunteerInviteLink('https://bluezone.test/app/', v.invite_code),
      '20164-03',
    );
    expect(receipt).toMatchObject({
      unitCode: '20164-03',
      broughtInBy: { kind: 'volunteer', unitCode: '483-DOAN', name: 'Ngày hội cài Bluezone' },
    });
    expect(attestations).toEqual([]);
    const report = await rollout.drivesReport(db, t.clock.now(), '483', units, (c) => c, 90);
    expect(report.leaderboard).toEqual([expect.objectContaining({ name: 'Hoa', installs: 1 })]);
  });
});
