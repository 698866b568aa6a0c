/**
 * Office entry/exit checkpoints (order 1 of the dispatch). A checkpoint belongs to an agency,
 * school or business; its unit's managers create, rename and retire it; its gatekeeper checks
 * visitors' passes, or records "no app" with a reason, and every check is logged as entry or
 * exit. Forged, expired, outdated and replayed tokens are refused with their reason and not
 * logged as visits; a retired checkpoint keeps its log and refuses everything new.
 *
 * A pass counts as `active` when its signature is good under a key an install registered, the
 * app says tracing is on, the install attested with tracing on in the last 7 days, and the
 * gatekeeper's app heard the phone advertise the identifier the pass committed to — or, from a
 * page that cannot listen, with `radio: not_checked`, which the answer and the log carry.
 */
import { createHash } from 'node:crypto';
import type { checkpointsApi } from '@bluezone/protocol/api';
import type { Clock } from '@bluezone/server';
import { ACTIVE_WINDOW_DAYS } from '../coverage/coverage';
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
  type InactiveReason,
  insertCheckpoint,
  installByCheckpointKey,
  logCheckpointVisit,
  type RadioCheck,
  renameCheckpointRow,
  retireCheckpointRow,
} from './checkpoints-repository';

export type { Checkpoint, Direction, ScanResult } from './checkpoints-repository';

const DAY_MS = 86_400_000;

const REASONS: Record<InactiveReason, string> = {
  tracing_off: 'the app reports tracing switched off',
  radio_not_heard: "the gatekeeper's app did not hear this phone advertise the identifier its pass committed to",
  not_attested_recently: `no attestation with tracing on in the last ${ACTIVE_WINDOW_DAYS} days`,
};

export async function createCheckpoint(
  db: RolloutDb,
  clock: Clock,
  unitCode: string,
  name: string,
): Promise<Checkpoint> {
  const unit = await getUnit(db, unitCode);
  if (!(ORGANISATION_KINDS as readonly string[]).includes(unit.kind)) {
    throw new RolloutError(
      'not_an_organisation',
      `checkpoints belong to an agency, school or business, not to a ${unit.kind}`,
    );
  }
  if (name.trim() === '') throw new RolloutError('invalid_input', 'checkpoint name is required');
  return insertCheckpoint(db, clock, unitCode, name.trim());
}

function assertInUse(checkpoint: Checkpoint): void {
  if (checkpoint.retiredAt !== null) {
    throw new RolloutError('checkpoint_retired', `checkpoint ${checkpoint.id} was retired on ${checkpoint.retiredAt}`);
  }
}

export async function renameCheckpoint(db: RolloutDb, checkpoint: Checkpoint, name: string): Promise<Checkpoint> {
  assertInUse(checkpoint);
  if (name.trim() === '') throw new RolloutError('invalid_input', 'checkpoint name is required');
  return renameCheckpointRow(db, checkpoint, name.trim());
}

export async function retireCheckpoint(db: RolloutDb, clock: Clock, checkpoint: Checkpoint): Promise<Checkpoint> {
  assertInUse(checkpoint);
  const now = clock.now();
  if (!(await retireCheckpointRow(db, checkpoint.id, now))) {
    throw new RolloutError('checkpoint_retired', `checkpoint ${checkpoint.id} is already retired`);
  }
  return { ...checkpoint, retiredAt: new Date(now).toISOString() };
}

export type ScanOutcome = checkpointsApi.ScanOutcome;

/**
 * The replay key of a token: SHA-256 of its signed part. Unique per token (the payload holds a
 * random nonce), and it names no install, so the nonce table is not a list of who came when.
 */
function replayKey(token: string): string {
  const signed = token.trim().split('.').slice(0, 2).join('.');
  return `v2:${createHash('sha256').update(signed).digest('base64url')}`;
}

export async function scanToken(
  db: RolloutDb,
  clock: Clock,
  checkpoint: Checkpoint,
  input: { token: string; direction: Direction; radio?: 'heard' | 'not_heard'; recordedBy: string },
): Promise<ScanOutcome> {
  assertInUse(checkpoint);
  const now = clock.now();
  const claims = verifyCheckpointToken(input.token, now);
  // The signature proves the phone holds the key; the key must be one an install registered.
  const install = await installByCheckpointKey(db, claims.checkpointKey);
  if (!install) throw new RolloutError('token_forged', 'no install registered the key this token is signed with');
  if (!(await claimTokenNonce(db, replayKey(input.token), now, now + 2 * DAY_MS))) {
    throw new RolloutError('token_replayed', 'this token was already used; ask for a fresh QR');
  }

  const radio: RadioCheck = input.radio ?? 'not_checked';
  const lastActive = install.lastActiveAt;
  let reasonCode: InactiveReason | null = null;
  if (!claims.tracingActive) reasonCode = 'tracing_off';
  else if (radio === 'not_heard') reasonCode = 'radio_not_heard';
  else if (lastActive === null || lastActive < now - ACTIVE_WINDOW_DAYS * DAY_MS) reasonCode = 'not_attested_recently';
  const result = reasonCode === null ? 'active' : 'inactive';
  const reason = reasonCode === null ? null : REASONS[reasonCode];
  await logCheckpointVisit(db, checkpoint.id, {
    direction: input.direction,
    result,
    reason,
    reasonCode,
    radio,
    visitor: null,
    at: now,
    day: localDay(now),
    recordedBy: input.recordedBy,
  });
  return { result, reason, reasonCode, radio, at: new Date(now).toISOString() };
}

export async function recordNoApp(
  db: RolloutDb,
  clock: Clock,
  checkpoint: Checkpoint,
  input: { direction: Direction; reason: string; visitor?: string; recordedBy: string },
): Promise<void> {
  assertInUse(checkpoint);
  if (input.reason.trim() === '') throw new RolloutError('invalid_input', 'say why the visitor has no app');
  const now = clock.now();
  await logCheckpointVisit(db, checkpoint.id, {
    direction: input.direction,
    result: 'no_app',
    reason: input.reason.trim(),
    reasonCode: null,
    radio: null,
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
  const share = (n: number) => (entries.length === 0 ? 0 : n / entries.length);
  return {
    checkpointId,
    day: dayLabel(day),
    entries: entries.length,
    exits: rows.length - entries.length,
    activeShare: share(entries.filter((r) => r.result === 'active').length),
    heardShare: share(entries.filter((r) => r.result === 'active' && r.radio === 'heard').length),
    log: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
  };
}
