// Where an install counts (the home the person names) and who brought it in (a school, a
// business, a relative, a drive volunteer) are two figures: an explicit home is never overridden
// by a referral, installs brought in count toward their home's share, and the referrer gets its
// own "brought in" figure. Bad combinations are refused with a problem body and store nothing.
import { DIALECTS } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DistrictApi, districtApi } from '../support/district-api';
import { createRolloutTestContext, type RolloutTestContext } from '../support/rollout-test-context';

interface Receipt {
  unitCode: string;
  created: boolean;
  moved: boolean;
  broughtIn: boolean;
  broughtInBy: { kind: string; unitCode: string | null; name: string } | null;
  referralCode: string;
  inviteLink: string;
}
interface Row {
  code: string;
  members: number;
  broughtIn: number;
  share: number;
  population: number;
  target: number;
}

describe.each(DIALECTS)('install home and who brought it in on %s', (dialect) => {
  let t: RolloutTestContext;
  let device: string;
  let send: DistrictApi['send'];
  let attest: DistrictApi['attest'];

  beforeEach(async () => {
    t = await createRolloutTestContext(dialect);
    ({ device, send, attest } = await districtApi(t));
  });
  afterEach(() => t.cleanup());

  const receipt = async (body: object, status = 201) => {
    const res = await attest(body);
    expect(res.status).toBe(status);
    return (await res.json()) as Receipt;
  };
  const coverage = async () => {
    const res = await send('GET', '/api/rollout/coverage');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { units: Row[] };
    return (code: string) => report.units.find((u) => u.code === code) as Row;
  };
  const installs = async () =>
    Number(
      (
        await t.db
          .selectFrom('rollout_install')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps an explicit home when a referral comes with it, and counts the install there', async () => {
    const student = await receipt({
      unitCode: '20161-THPT',
      homeUnitCode: '20161-01',
      installId: 'student-000000000001',
    });
    // The case: a relative living in village 20161-02 installs from the student's invite
    // after scanning the village's QR. Before, the school got the install and 20161-02 nothing.
    const relative = await receipt({
      unitCode: '20161-02',
      referralCode: student.referralCode,
      installId: 'relative-00000000001',
    });
    expect(relative).toMatchObject({ unitCode: '20161-02', broughtIn: true, broughtInBy: { kind: 'relative' } });
    // A referral with homeUnitCode is the same.
    const neighbour = await receipt({
      homeUnitCode: '20161-02',
      referralCode: student.referralCode,
      installId: 'relative-00000000002',
    });
    expect(neighbour.unitCode).toBe('20161-02');

    const at = await coverage();
    // Shares and targets count at the home, brought in or not.
    expect(at('20161-02')).toMatchObject({ members: 2, broughtIn: 0, population: 1050, target: 630 });
    expect(at('20161-02').share).toBeCloseTo(2 / 1050);
    expect(at('20161-01')).toMatchObject({ members: 1 });
    // The school's own figures: its student, and the two relatives it brought in.
    expect(at('20161-THPT')).toMatchObject({ members: 1, broughtIn: 2 });
    // Rolled up: three people live in Khe Tre, each counted once.
    expect(at('20161')).toMatchObject({ members: 3, broughtIn: 2 });
    expect(at('483')).toMatchObject({ members: 3, broughtIn: 2 });
  });

  it('credits a business or organisation QR as "brought in by" and counts the customer at home', async () => {
    const customer = await receipt({
      unitCode: '20161-CHO',
      homeUnitCode: '20164-03',
      installId: 'customer-0000000001',
    });
    expect(customer).toMatchObject({
      unitCode: '20164-03',
      broughtIn: true,
      broughtInBy: { kind: 'unit', unitCode: '20161-CHO', name: 'Chợ Khe Tre' },
    });
    const at = await coverage();
    expect(at('20164-03').members).toBe(1);
    expect(at('20164').members).toBe(1);
    // The market is in Khe Tre, but the customer lives in Hương Phú: Khe Tre's residents are not one more.
    expect(at('20161').members).toBe(0);
    expect(at('20161-CHO').members).toBe(1);
    expect(at('483').members).toBe(1);
  });

  it('settles who brought an install in at its first attestation; a later home moves it', async () => {
    const student = await receipt({
      unitCode: '20161-THPT',
      homeUnitCode: '20161-01',
      installId: 'student-000000000002',
    });
    const first = await receipt({ homeUnitCode: '20161-03', installId: 'resident-0000000001' });
    expect(first.broughtInBy).toBeNull();
    // A later invite scanned by an install already counted does not make it "brought in".
    const again = await receipt({ referralCode: student.referralCode, installId: 'resident-0000000001' }, 200);
    expect(again).toMatchObject({ unitCode: '20161-03', created: false, moved: false, broughtIn: false });
    // Naming another home moves it; who brought it in stays.
    const moved = await receipt({ homeUnitCode: '20164-01', installId: 'student-000000000002' }, 200);
    expect(moved).toMatchObject({ unitCode: '20164-01', moved: true, broughtInBy: { unitCode: '20161-THPT' } });
    // A known install may leave its home out: it stays where it is.
    const stays = await receipt({ installId: 'student-000000000002' }, 200);
    expect(stays).toMatchObject({ unitCode: '20164-01', moved: false });
    const at = await coverage();
    expect(at('20161-THPT')).toMatchObject({ members: 1, broughtIn: 0 });
    expect(at('20164-01').members).toBe(1);
    expect(at('20161-01').members).toBe(0);
  });

  it('refuses what names no home or two, with problem bodies, and stores nothing', async () => {
    const student = await receipt({
      unitCode: '20161-THPT',
      homeUnitCode: '20161-01',
      installId: 'student-000000000003',
    });
    const before = await installs();
    const cases: [object, number, string][] = [
      // A school's QR alone does not say where the student lives.
      [{ unitCode: '20161-THPT', installId: 'new-install-00000001' }, 400, 'home_unit_required'],
      [{ referralCode: student.referralCode, installId: 'new-install-00000002' }, 400, 'home_unit_required'],
      // A home is an area, not an organisation.
      [{ homeUnitCode: '20161-CHO', installId: 'new-install-00000003' }, 400, 'invalid_input'],
      // Two different homes.
      [{ unitCode: '20161-02', homeUnitCode: '20164-01', installId: 'new-install-00000004' }, 400, 'invalid_input'],
      // Two referrers.
      [
        {
          unitCode: '20161-CHO',
          referralCode: student.referralCode,
          homeUnitCode: '20161-02',
          installId: 'new-install-00000005',
        },
        400,
        'invalid_input',
      ],
      [{ homeUnitCode: 'NOPE-01', installId: 'new-install-00000006' }, 404, 'unknown_unit'],
      [{ homeUnitCode: '20161-02', volunteerCode: 'nope', installId: 'new-install-00000007' }, 404, 'not_found'],
      [{ homeUnitCode: '20161-02', installId: 'new-install-00000008', extra: 1 }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const res = await attest(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { code: string }).code, JSON.stringify(body)).toBe(code);
    }
    expect(await installs()).toBe(before);
  });

  it('lists the homes a resident may pick: areas only, none archived', async () => {
    const res = await send('GET', '/api/rollout/home-units', undefined, device);
    expect(res.status).toBe(200);
    const { units } = (await res.json()) as { units: { code: string; kind: string }[] };
    expect(units.map((u) => u.code)).toContain('20161-02');
    expect(units.every((u) => ['district', 'commune', 'town', 'village'].includes(u.kind))).toBe(true);
    expect(units.map((u) => u.code)).not.toContain('20161-CHO');
  });
});
