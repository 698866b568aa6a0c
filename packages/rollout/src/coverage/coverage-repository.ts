/**
 * Storage of coverage: install attestations (one row per install, a row per install and day,
 * moves between homes) and the counts the coverage report rolls up.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@bluezone/server';
import { findDriveOfVolunteer, findVolunteerByInviteCode } from '../drives/drives-repository';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { localDay } from '../shared/local-day';
import type { UnitKind } from '../units/unit';
import { assertNotArchived } from '../units/unit-archive';
import { type AttestationResult, type InstallAttestation, validateAttestation } from './install-attestation';
import { attribute, type NamedInAttestation, type Referrer } from './install-attribution';
import { nextCheckpointKey } from './install-key-binding';

/**
 * Records an attestation in one transaction: the home it names (a move when it changes), who
 * brought the install in (at its first attestation only), the bound checkpoint key, and the
 * day's row. Anything refused is refused before a row is written.
 */
export async function recordAttestation(
  db: RolloutDb,
  clock: Clock,
  attestation: InstallAttestation,
): Promise<AttestationResult> {
  const a = validateAttestation(attestation);
  const now = clock.now();
  const day = localDay(now);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('rollout_install')
      .selectAll()
      .where('install_id', '=', a.installId)
      .executeTakeFirst();
    // Refused before anything is written: the transaction stores nothing for a hijack attempt.
    const checkpointKey = nextCheckpointKey(
      a.installId,
      existing ? existing.checkpoint_key : undefined,
      a.checkpointKey,
      a.rekeySignature,
    );
    const { home, referrer } = attribute(await namedIn(trx, a));

    let result: AttestationResult;
    if (!existing) {
      if (!home) {
        throw new RolloutError(
          'home_unit_required',
          'a new install must name its home: homeUnitCode (a village or neighbourhood group), or the unitCode of its home’s QR',
        );
      }
      assertNotArchived(home);
      if (referrer?.kind === 'unit') assertNotArchived(referrer.unit);
      const referralCode = randomBytes(6).toString('base64url');
      await trx
        .insertInto('rollout_install')
        .values({
          install_id: a.installId,
          unit_code: home.code,
          brought_in: referrer?.kind === 'relative' ? 1 : 0,
          referred_by: referrer?.kind === 'relative' ? referrer.installId : null,
          via_unit_code: referrer?.kind === 'unit' ? referrer.unit.code : null,
          volunteer_id: referrer?.kind === 'volunteer' ? referrer.volunteerId : null,
          referral_code: referralCode,
          app_version: a.appVersion,
          first_seen_at: now,
          first_seen_day: day,
          last_seen_at: now,
          last_active_at: a.tracingActive ? now : null,
          checkpoint_key: checkpointKey,
        })
        .execute();
      result = {
        unitCode: home.code,
        created: true,
        moved: false,
        broughtIn: referrer !== undefined,
        broughtInBy: await broughtInBy(trx, storedReferrer(referrer)),
        referralCode,
      };
    } else {
      // Who brought an install in is settled at its first attestation; later ones may move its home.
      const target = home?.code ?? existing.unit_code;
      const moved = target !== existing.unit_code;
      if (moved && home) assertNotArchived(home);
      if (moved) {
        await trx
          .insertInto('rollout_install_move')
          .values({ install_id: a.installId, from_unit: existing.unit_code, to_unit: target, moved_at: now })
          .execute();
      }
      await trx
        .updateTable('rollout_install')
        .set({
          unit_code: target,
          app_version: a.appVersion,
          last_seen_at: now,
          ...(a.tracingActive ? { last_active_at: now } : {}),
          checkpoint_key: checkpointKey,
        })
        .where('install_id', '=', a.installId)
        .execute();
      const by = await broughtInBy(trx, {
        viaUnitCode: existing.via_unit_code,
        referredBy: existing.referred_by,
        volunteerId: existing.volunteer_id === null ? null : Number(existing.volunteer_id),
      });
      result = {
        unitCode: target,
        created: false,
        moved,
        broughtIn: by !== null,
        broughtInBy: by,
        referralCode: existing.referral_code,
      };
    }
    const dayRow = {
      install_id: a.installId,
      day,
      unit_code: result.unitCode,
      tracing_active: a.tracingActive ? 1 : 0,
    };
    await trx
      .insertInto('rollout_attestation_day')
      .values(dayRow)
      .onConflict((oc) =>
        oc.columns(['install_id', 'day']).doUpdateSet({
          unit_code: result.unitCode,
          // Active that day if any attestation that day said so.
          ...(a.tracingActive ? { tracing_active: 1 } : {}),
        }),
      )
      .execute();
    return result;
  });
}

/** Looks up what the attestation names; unknown units and invite codes are refused (404). */
async function namedIn(db: RolloutDb, a: InstallAttestation): Promise<NamedInAttestation> {
  const unit = async (code: string) => {
    const row = await db
      .selectFrom('rollout_unit')
      .select(['code', 'name', 'kind', 'archived_at'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new RolloutError('unknown_unit', `no unit with code ${code}`);
    return {
      code: row.code,
      name: row.name,
      kind: row.kind as UnitKind,
      archivedAt: row.archived_at === null ? null : new Date(Number(row.archived_at)).toISOString(),
    };
  };
  const named: NamedInAttestation = {};
  if (a.unitCode !== undefined) named.scanned = await unit(a.unitCode);
  if (a.homeUnitCode !== undefined) named.home = await unit(a.homeUnitCode);
  if (a.referralCode !== undefined) {
    const ref = await db
      .selectFrom('rollout_install')
      .select('install_id')
      .where('referral_code', '=', a.referralCode)
      .executeTakeFirst();
    if (!ref) throw new RolloutError('not_found', 'unknown invite code');
    // One's own invite scanned again brings nothing in.
    if (ref.install_id !== a.installId) named.relative = ref.install_id;
  }
  if (a.volunteerCode !== undefined) {
    const v = await findVolunteerByInviteCode(db, a.volunteerCode);
    if (!v) throw new RolloutError('not_found', 'unknown volunteer invite code');
    named.volunteer = v.volunteerId;
  }
  return named;
}

interface StoredReferrer {
  viaUnitCode: string | null;
  referredBy: string | null;
  volunteerId: number | null;
}

function storedReferrer(r: Referrer | undefined): StoredReferrer {
  return {
    viaUnitCode: r?.kind === 'unit' ? r.unit.code : null,
    referredBy: r?.kind === 'relative' ? r.installId : null,
    volunteerId: r?.kind === 'volunteer' ? r.volunteerId : null,
  };
}

/** Who brought the install in, as the receipt names it (a relative is never named). */
async function broughtInBy(db: RolloutDb, r: StoredReferrer): Promise<AttestationResult['broughtInBy']> {
  if (r.viaUnitCode !== null) {
    const unit = await db
      .selectFrom('rollout_unit')
      .select(['name'])
      .where('code', '=', r.viaUnitCode)
      .executeTakeFirst();
    return { kind: 'unit', unitCode: r.viaUnitCode, name: unit?.name ?? r.viaUnitCode };
  }
  if (r.volunteerId !== null) {
    const drive = await findDriveOfVolunteer(db, r.volunteerId);
    return { kind: 'volunteer', unitCode: drive?.unit_code ?? null, name: drive?.name ?? '' };
  }
  if (r.referredBy !== null) return { kind: 'relative', unitCode: null, name: '' };
  return null;
}

/** Whether the install has attested before (new installs count against their unit's hourly limit). */
export async function installExists(db: RolloutDb, installId: string): Promise<boolean> {
  const row = await db
    .selectFrom('rollout_install')
    .select('install_id')
    .where('install_id', '=', installId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Installs and active installs (tracing on since `activeSince`) per unit, counted by `column`. */
export async function installsPer(
  db: RolloutDb,
  column: 'unit_code' | 'via_unit_code',
  activeSince: number,
): Promise<Map<string, { installs: number; active: number }>> {
  const rows = await db
    .selectFrom('rollout_install')
    .select([`${column} as code`])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('last_active_at', '>=', activeSince).then(1).else(0).end()).as('active'),
    ])
    .where(column, 'is not', null)
    .groupBy(column)
    .execute();
  return new Map(
    rows.flatMap((r) => (r.code === null ? [] : [[r.code, { installs: Number(r.n), active: Number(r.active) }]])),
  );
}

/**
 * Installs brought in, per unit credited: a relative's invite is credited where the inviting
 * install is credited (the organisation that brought it in, else its home), a drive volunteer's
 * to the unit running the drive.
 */
export async function broughtInPerUnit(db: RolloutDb): Promise<Map<string, number>> {
  const relatives = await db
    .selectFrom('rollout_install as i')
    .innerJoin('rollout_install as r', 'r.install_id', 'i.referred_by')
    .select((eb) => [eb.fn.coalesce('r.via_unit_code', 'r.unit_code').as('code'), eb.fn.countAll<number>().as('n')])
    .groupBy((eb) => eb.fn.coalesce('r.via_unit_code', 'r.unit_code'))
    .execute();
  const drives = await db
    .selectFrom('rollout_install as i')
    .innerJoin('rollout_drive_volunteer as v', 'v.id', 'i.volunteer_id')
    .innerJoin('rollout_drive as d', 'd.id', 'v.drive_id')
    .select(['d.unit_code as code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('d.unit_code')
    .execute();
  const out = new Map<string, number>();
  for (const r of [...relatives, ...drives]) out.set(r.code, (out.get(r.code) ?? 0) + Number(r.n));
  return out;
}

/** Whose installs a trend counts: those living in `home` units, or those brought in `via` one unit. */
export type TrendScope = { home: readonly string[] } | { via: string };

/** New installs per local day from `firstDay` on, in `scope`. */
export async function newInstallsPerDay(
  db: RolloutDb,
  firstDay: number,
  scope: TrendScope,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('rollout_install')
    .select(['first_seen_day as day'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('first_seen_day', '>=', firstDay)
    .where((eb) => ('home' in scope ? eb('unit_code', 'in', scope.home) : eb('via_unit_code', '=', scope.via)))
    .groupBy('first_seen_day')
    .execute();
  return new Map(rows.map((r) => [Number(r.day), Number(r.n)]));
}

/** Installs that attested with tracing on, per local day from `firstDay` on, in `scope`. */
export async function activeInstallsPerDay(
  db: RolloutDb,
  firstDay: number,
  scope: TrendScope,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('rollout_attestation_day as a')
    .select(['a.day'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.day', '>=', firstDay)
    .where('a.tracing_active', '=', 1)
    .where((eb) =>
      'home' in scope
        ? eb('a.unit_code', 'in', scope.home)
        : eb(
            'a.install_id',
            'in',
            eb.selectFrom('rollout_install').select('install_id').where('via_unit_code', '=', scope.via),
          ),
    )
    .groupBy('a.day')
    .execute();
  return new Map(rows.map((r) => [Number(r.day), Number(r.n)]));
}

/**
 * Installs per unit and first day up to `last` (coverage-trends.ts), by home (`unit_code`) or
 * by the organisation that brought them in (`via_unit_code`).
 */
export async function installsPerUnitDay(
  db: RolloutDb,
  column: 'unit_code' | 'via_unit_code',
  codes: readonly string[],
  last: number,
): Promise<{ unit_code: string; first_seen_day: number; n: number }[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('rollout_install')
    .select([`${column} as unit_code`, 'first_seen_day'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('first_seen_day', '<=', last)
    .where(column, 'in', codes)
    .groupBy([column, 'first_seen_day'])
    .execute();
  return rows.flatMap((r) =>
    r.unit_code === null ? [] : [{ unit_code: r.unit_code, first_seen_day: Number(r.first_seen_day), n: Number(r.n) }],
  );
}

/** Installs that reported tracing on, per unit (home, or the organisation that brought them in) and day. */
export async function activePerUnitDay(
  db: RolloutDb,
  column: 'unit_code' | 'via_unit_code',
  codes: readonly string[],
  first: number,
  last: number,
): Promise<{ unit_code: string; day: number; n: number }[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('rollout_attestation_day as a')
    .innerJoin('rollout_install as i', 'i.install_id', 'a.install_id')
    .select([column === 'unit_code' ? 'a.unit_code as unit_code' : 'i.via_unit_code as unit_code', 'a.day'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.tracing_active', '=', 1)
    .where('a.day', '>=', first)
    .where('a.day', '<=', last)
    .where(column === 'unit_code' ? 'a.unit_code' : 'i.via_unit_code', 'in', codes)
    .groupBy([column === 'unit_code' ? 'a.unit_code' : 'i.via_unit_code', 'a.day'])
    .execute();
  return rows.flatMap((r) =>
    r.unit_code === null ? [] : [{ unit_code: r.unit_code, day: Number(r.day), n: Number(r.n) }],
  );
}

/** What a checkpoint needs of an install: its registered key and when it last reported tracing on. */
export async function installForCheckpoint(
  db: RolloutDb,
  installId: string,
): Promise<{ checkpointKey: string | null; lastActiveAt: number | null } | undefined> {
  const row = await db
    .selectFrom('rollout_install')
    .select(['checkpoint_key', 'last_active_at'])
    .where('install_id', '=', installId)
    .executeTakeFirst();
  return (
    row && {
      checkpointKey: row.checkpoint_key,
      lastActiveAt: row.last_active_at === null ? null : Number(row.last_active_at),
    }
  );
}
