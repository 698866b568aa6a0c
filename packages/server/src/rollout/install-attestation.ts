/**
 * Install attestations: the app scans a unit's QR (or an invite link) and reports
 * `{unitCode, installId, appVersion, tracingActive}`. The install id is random on the phone
 * and never sent with, or derivable from, tracing keys. Repeats from one install count once;
 * an attestation naming another unit moves the install there (and the move is recorded).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { localDay } from './local-day';
import { RolloutError } from './rollout-error';
import type { RolloutDb } from './unit-repository';

export interface InstallAttestation {
  unitCode?: string;
  /** From another install's invite link: counts this install as brought in for that unit. */
  referralCode?: string;
  installId: string;
  appVersion: string;
  tracingActive: boolean;
  /** Ed25519 public key (base64url, 32 bytes) for checkpoint tokens. */
  checkpointKey?: string;
}

export interface AttestationResult {
  unitCode: string;
  /** First attestation of this install. */
  created: boolean;
  moved: boolean;
  broughtIn: boolean;
  /** What this install's own invite link carries. */
  referralCode: string;
}

export const INSTALL_ID = /^[A-Za-z0-9_-]{16,64}$/;

export async function recordAttestation(
  db: RolloutDb,
  clock: Clock,
  a: InstallAttestation,
): Promise<AttestationResult> {
  if (!INSTALL_ID.test(a.installId))
    throw new RolloutError('invalid_input', 'installId must be 16–64 base64url characters');
  if (a.checkpointKey !== undefined && Buffer.from(a.checkpointKey, 'base64url').length !== 32) {
    throw new RolloutError('invalid_input', 'checkpointKey must be a 32-byte Ed25519 public key, base64url');
  }
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
          checkpoint_key: a.checkpointKey ?? null,
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
          ...(a.checkpointKey !== undefined ? { checkpoint_key: a.checkpointKey } : {}),
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
