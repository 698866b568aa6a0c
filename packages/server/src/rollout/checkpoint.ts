/**
 * Office entry/exit checkpoints (order 1 of the dispatch). A checkpoint belongs to an agency;
 * its gatekeeper scans visitors' "Bluezone active" tokens, or records "no app" with a reason,
 * and every scan is logged as entry or exit. Forged, expired and replayed tokens are refused
 * with their reason and not logged as visits.
 */
import type { Clock } from '../clock';
import { verifyCheckpointToken } from './checkpoint-token';
import { ACTIVE_WINDOW_DAYS } from './coverage';
import { dayLabel, localDay } from './local-day';
import { RolloutError } from './rollout-error';
import { ORGANISATION_KINDS } from './unit';
import { getUnit, type RolloutDb } from './unit-repository';

export type Direction = 'entry' | 'exit';
export type ScanResult = 'active' | 'inactive' | 'no_app';

const DAY_MS = 86_400_000;

export interface Checkpoint {
  id: number;
  unitCode: string;
  name: string;
}

export async function createCheckpoint(
  db: RolloutDb,
  clock: Clock,
  unitCode: string,
  name: string,
): Promise<Checkpoint> {
  const unit = await getUnit(db, unitCode);
  if (!(ORGANISATION_KINDS as readonly string[]).includes(unit.kind)) {
    throw new RolloutError('invalid_input', `checkpoints belong to an agency or organisation, not a ${unit.kind}`);
  }
  if (name.trim() === '') throw new RolloutError('invalid_input', 'checkpoint name is required');
  const row = await db
    .insertInto('rollout_checkpoint')
    .values({ unit_code: unitCode, name: name.trim(), created_at: clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), unitCode, name: name.trim() };
}

export async function getCheckpoint(db: RolloutDb, id: number): Promise<Checkpoint> {
  const row = Number.isSafeInteger(id)
    ? await db.selectFrom('rollout_checkpoint').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new RolloutError('not_found', `no checkpoint ${id}`);
  return { id: Number(row.id), unitCode: row.unit_code, name: row.name };
}

export interface ScanOutcome {
  result: Exclude<ScanResult, 'no_app'>;
  reason: string | null;
  at: string;
}

export async function scanToken(
  db: RolloutDb,
  clock: Clock,
  checkpoint: Checkpoint,
  input: { token: string; direction: Direction; recordedBy: string },
): Promise<ScanOutcome> {
  const now = clock.now();
  // Look the install up by the id the token names; the signature then proves the phone holds its key.
  const installId = (() => {
    try {
      const payload = JSON.parse(Buffer.from(input.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
        i?: unknown;
      };
      return typeof payload.i === 'string' ? payload.i : '';
    } catch {
      return '';
    }
  })();
  const install = installId
    ? await db
        .selectFrom('rollout_install')
        .select(['checkpoint_key', 'last_active_at'])
        .where('install_id', '=', installId)
        .executeTakeFirst()
    : undefined;
  const claims = verifyCheckpointToken(input.token, install?.checkpoint_key ?? null, now);

  await db.deleteFrom('rollout_checkpoint_nonce').where('expires_at', '<', now).execute();
  const inserted = await db
    .insertInto('rollout_checkpoint_nonce')
    .values({ nonce_key: `${claims.installId}:${claims.nonce}`, expires_at: now + 2 * DAY_MS })
    .onConflict((oc) => oc.column('nonce_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    throw new RolloutError('token_replayed', 'this token was already used; ask for a fresh QR');
  }

  const lastActive =
    install?.last_active_at === null || install?.last_active_at === undefined ? null : Number(install.last_active_at);
  let reason: string | null = null;
  if (!claims.tracingActive) reason = 'the app reports tracing switched off';
  else if (lastActive === null || lastActive < now - ACTIVE_WINDOW_DAYS * DAY_MS) {
    reason = `no attestation with tracing on in the last ${ACTIVE_WINDOW_DAYS} days`;
  }
  const result = reason === null ? 'active' : 'inactive';
  await db
    .insertInto('rollout_checkpoint_log')
    .values({
      checkpoint_id: checkpoint.id,
      direction: input.direction,
      result,
      reason,
      visitor: null,
      at: now,
      day: localDay(now),
      recorded_by: input.recordedBy,
    })
    .execute();
  return { result, reason, at: new Date(now).toISOString() };
}

export async function recordNoApp(
  db: RolloutDb,
  clock: Clock,
  checkpoint: Checkpoint,
  input: { direction: Direction; reason: string; visitor?: string; recordedBy: string },
): Promise<void> {
  if (input.reason.trim() === '') throw new RolloutError('invalid_input', 'say why the visitor has no app');
  const now = clock.now();
  await db
    .insertInto('rollout_checkpoint_log')
    .values({
      checkpoint_id: checkpoint.id,
      direction: input.direction,
      result: 'no_app',
      reason: input.reason.trim(),
      visitor: input.visitor?.trim() || null,
      at: now,
      day: localDay(now),
      recorded_by: input.recordedBy,
    })
    .execute();
}

export interface CheckpointDay {
  checkpointId: number;
  day: string;
  entries: number;
  exits: number;
  /** Share of entries whose app was active. */
  activeShare: number;
  log: { at: string; direction: Direction; result: ScanResult; reason: string | null; visitor: string | null }[];
}

/** "YYYY-MM-DD" → district-local day number. */
export function parseDay(label: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (Number.isNaN(ms) || dayLabel(ms / DAY_MS) !== label)
    throw new RolloutError('invalid_input', `day must be YYYY-MM-DD, got "${label}"`);
  return ms / DAY_MS;
}

export async function checkpointDay(db: RolloutDb, checkpointId: number, day: number): Promise<CheckpointDay> {
  const rows = await db
    .selectFrom('rollout_checkpoint_log')
    .selectAll()
    .where('checkpoint_id', '=', checkpointId)
    .where('day', '=', day)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const entries = rows.filter((r) => r.direction === 'entry');
  return {
    checkpointId,
    day: dayLabel(day),
    entries: entries.length,
    exits: rows.length - entries.length,
    activeShare: entries.length === 0 ? 0 : entries.filter((r) => r.result === 'active').length / entries.length,
    log: rows.map((r) => ({
      at: new Date(Number(r.at)).toISOString(),
      direction: r.direction as Direction,
      result: r.result as ScanResult,
      reason: r.reason,
      visitor: r.visitor,
    })),
  };
}
