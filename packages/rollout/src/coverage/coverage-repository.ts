/**
 * Storage of coverage: install attestations (one row per install, a row per install and day,
 * moves between units) and the counts the coverage report rolls up.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@bluezone/server';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { localDay } from '../shared/local-day';
import { type AttestationResult, type InstallAttestation, validateAttestation } from './install-attestation';
import { nextCheckpointKey } from './install-key-binding';

/**
 * Records an attestation in one transaction. Repeats from one install count once; one naming
 * another unit moves the install there (and the move is recorded).
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
    let unitCode = a.unitCode;
    let referrer: string | null = null;
    if (a.referralCode !== undefined) {
      const ref = await trx
        .selectFrom('rollout_install')
        .select(['install_id', 'unit_code'])
        .where('referral_code', '=', a.referralCode)
        .executeTakeFirst();
      if (!ref) throw new RolloutError('not_found', 'unknown invite code');
      if (ref.install_id !== a.installId) {
        referrer = ref.install_id;
        unitCode = ref.unit_code;
      }
    }
    if (unitCode === undefined) throw new RolloutError('invalid_input', 'unitCode or referralCode is required');
    const unit = await trx.selectFrom('rollout_unit').select('code').where('code', '=', unitCode).executeTakeFirst();
    if (!unit) throw new RolloutError('unknown_unit', `no unit with code ${unitCode}`);

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
    let result: AttestationResult;
    if (!existing) {
      const referralCode = randomBytes(6).toString('base64url');
      await trx
        .insertInto('rollout_install')
        .values({
          install_id: a.installId,
          unit_code: unitCode,
          brought_in: referrer ? 1 : 0,
          referred_by: referrer,
          referral_code: referralCode,
          app_version: a.appVersion,
          first_seen_at: now,
          first_seen_day: day,
          last_seen_at: now,
          last_active_at: a.tracingActive ? now : null,
          checkpoint_key: checkpointKey,
        })
        .execute();
      result = { unitCode, created: true, moved: false, broughtIn: referrer !== null, referralCode };
    } else {
      // An invite scanned by an install that already belongs somewhere does not move it.
      const target = referrer ? existing.unit_code : unitCode;
      const moved = target !== existing.unit_code;
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
          ...(moved ? { brought_in: 0, referred_by: null } : {}),
          app_version: a.appVersion,
          last_seen_at: now,
          ...(a.tracingActive ? { last_active_at: now } : {}),
          checkpoint_key: checkpointKey,
        })
        .where('install_id', '=', a.installId)
        .execute();
      result = {
        unitCode: target,
        created: false,
        moved,
        broughtIn: moved ? false : existing.brought_in === 1,
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

/** Whether the install has attested before (new installs count against their unit's hourly limit). */
export async function installExists(db: RolloutDb, installId: string): Promise<boolean> {
  const row = await db
    .selectFrom('rollout_install')
    .select('install_id')
    .where('install_id', '=', installId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Installs per unit, members and brought-in apart, with members active since `activeSince`. */
export async function installCounts(
  db: RolloutDb,
  activeSince: number,
): Promise<{ unitCode: string; broughtIn: boolean; installs: number; active: number }[]> {
  const rows = await db
    .selectFrom('rollout_install')
    .select(['unit_code', 'brought_in'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('last_active_at', '>=', activeSince).then(1).else(0).end()).as('active'),
    ])
    .groupBy(['unit_code', 'brought_in'])
    .execute();
  return rows.map((r) => ({
    unitCode: r.unit_code,
    broughtIn: Number(r.brought_in) === 1,
    installs: Number(r.n),
    active: Number(r.active),
  }));
}

/** New installs per local day from `firstDay` on, in `unitCodes`. */
export async function newInstallsPerDay(
  db: RolloutDb,
  firstDay: number,
  unitCodes: readonly string[],
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('rollout_install')
    .select(['first_seen_day as day'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('first_seen_day', '>=', firstDay)
    .where('unit_code', 'in', unitCodes)
    .groupBy('first_seen_day')
    .execute();
  return new Map(rows.map((r) => [Number(r.day), Number(r.n)]));
}

/** Installs that attested with tracing on, per local day from `firstDay` on, in `unitCodes`. */
export async function activeInstallsPerDay(
  db: RolloutDb,
  firstDay: number,
  unitCodes: readonly string[],
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('rollout_attestation_day')
    .select(['day'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('day', '>=', firstDay)
    .where('tracing_active', '=', 1)
    .where('unit_code', 'in', unitCodes)
    .groupBy('day')
    .execute();
  return new Map(rows.map((r) => [Number(r.day), Number(r.n)]));
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
