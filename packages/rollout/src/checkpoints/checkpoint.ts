/**
 * Office entry/exit checkpoints (order 1 of the dispatch). A checkpoint belongs to an agency;
 * its gatekeeper scans visitors' "Bluezone active" tokens, or records "no app" with a reason,
 * and every scan is logged as entry or exit. Forged, expired and replayed tokens are refused
 * with their reason and not logged as visits.
 */
import type { checkpointsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import { ACTIVE_WINDOW_DAYS } from '../coverage/coverage';
import { installForCheckpoint } from '../coverage/coverage-repository';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { dayLabel, localDay } from '../shared/local-day';
import { ORGANISATION_KINDS } from '../units/unit';
import { getUnit } from '../units/units-repository';
import { verifyCheckpointToken } from './checkpoint-token';
import {
  type Checkpoint,
  type CheckpointLogEntry,
  checkpointLog,
  claimTokenNonce,
  type Direction,
  insertCheckpoint,
  logCheckpointVisit,
} from './checkpoints-repository';

export type { Checkpoint, Direction, ScanResult } from './checkpoints-repository';

const DAY_MS = 86_400_000;

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
  return insertCheckpoint(db, clock, unitCode, name.trim());
}

export type ScanOutcome = checkpointsApi.ScanOutcome;

/** The install id a token names, read without trusting it ('' when unreadable). */
function claimedInstallId(token: string): string {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      i?: unknown;
    };
    return typeof payload?.i === 'string' ? payload.i : '';
  } catch {
    return '';
  }
}

export async function scanToken(
  db: RolloutDb,
  clock: Clock,
  checkpoint: Checkpoint,
  input: { token: string; direction: Direction; recordedBy: string },
): Promise<ScanOutcome> {
  const now = clock.now();
  // Look the install up by the id the token names; the signature then proves the phone holds its key.
  const installId = claimedInstallId(input.token);
  const install = installId ? await installForCheckpoint(db, installId) : undefined;
  const claims = verifyCheckpointToken(input.token, install?.checkpointKey ?? null, now);
  if (!(await claimTokenNonce(db, `${claims.installId}:${claims.nonce}`, now, now + 2 * DAY_MS))) {
    throw new RolloutError('token_replayed', 'this token was already used; ask for a fresh QR');
  }

  const lastActive = install?.lastActiveAt ?? null;
  let reason: string | null = null;
  if (!claims.tracingActive) reason = 'the app reports tracing switched off';
  else if (lastActive === null || lastActive < now - ACTIVE_WINDOW_DAYS * DAY_MS) {
    reason = `no attestation with tracing on in the last ${ACTIVE_WINDOW_DAYS} days`;
  }
  const result = reason === null ? 'active' : 'inactive';
  await logCheckpointVisit(db, checkpoint.id, {
    direction: input.direction,
    result,
    reason,
    visitor: null,
    at: now,
    day: localDay(now),
    recordedBy: input.recordedBy,
  });
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
  await logCheckpointVisit(db, checkpoint.id, {
    direction: input.direction,
    result: 'no_app',
    reason: input.reason.trim(),
    visitor: input.visitor?.trim() || null,
    at: now,
    day: localDay(now),
    recordedBy: input.recordedBy,
  });
}

export type CheckpointDay = checkpointsApi.CheckpointDay;

/** "YYYY-MM-DD" → district-local day number. */
export function parseDay(label: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (Number.isNaN(ms) || dayLabel(ms / DAY_MS) !== label)
    throw new RolloutError('invalid_input', `day must be YYYY-MM-DD, got "${label}"`);
  return ms / DAY_MS;
}

export async function checkpointDay(db: RolloutDb, checkpointId: number, day: number): Promise<CheckpointDay> {
  const rows: CheckpointLogEntry[] = await checkpointLog(db, checkpointId, day);
  const entries = rows.filter((r) => r.direction === 'entry');
  return {
    checkpointId,
    day: dayLabel(day),
    entries: entries.length,
    exits: rows.length - entries.length,
    activeShare: entries.length === 0 ? 0 : entries.filter((r) => r.result === 'active').length / entries.length,
    log: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
  };
}
