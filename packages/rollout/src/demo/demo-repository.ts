/**
 * Writes the demo district's activity (demo-activity.ts) and clears it. Every row written is
 * listed in rollout_demo_row by kind and key, in the same transaction, so clearing deletes
 * exactly those rows (and what hangs off them: attestation days, a demo checkpoint's log, a demo
 * campaign's tally, a demo code's record) and nothing else.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { demoApi } from '@bluezone/protocol/api';
import { type Database, DEFAULT_REALM } from '@bluezone/server';
import { localDay } from '../shared/local-day';
import { DEMO_AUTHOR, DEMO_SUFFIX, type DemoActivity } from './demo-activity';
import type { DemoDb, DemoRowKind } from './demo-tables';

const BATCH = 400;
const DAY_MS = 86_400_000;
/** Where a demo checkpoint stands: the agency's front door. */
const CHECKPOINT_NAME = `Cổng chính${DEMO_SUFFIX}`;

export function demoDb(database: Database): DemoDb {
  return database.db.withTables<Record<string, never>>() as unknown as DemoDb;
}

async function inBatches<T>(rows: readonly T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

async function countKind(db: DemoDb, kind: DemoRowKind): Promise<number> {
  const row = await db
    .selectFrom('rollout_demo_row')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function keysOf(db: DemoDb, kind: DemoRowKind): Promise<string[]> {
  const rows = await db.selectFrom('rollout_demo_row').select('row_key').where('kind', '=', kind).execute();
  return rows.map((r) => r.row_key);
}

export async function demoStatus(db: DemoDb): Promise<demoApi.DemoStatus> {
  const first = await db
    .selectFrom('rollout_demo_row')
    .select((eb) => eb.fn.min<number>('created_at').as('at'))
    .executeTakeFirst();
  const checkpoints = await keysOf(db, 'checkpoint');
  const scans =
    checkpoints.length === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom('rollout_checkpoint_log')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('checkpoint_id', 'in', checkpoints.map(Number))
              .executeTakeFirst()
          )?.n ?? 0,
        );
  const counts = {
    installs: await countKind(db, 'install'),
    checkpointScans: scans,
    campaigns: await countKind(db, 'campaign'),
    codes: await countKind(db, 'code'),
  };
  const at = first?.at === null || first?.at === undefined ? null : Number(first.at);
  return { seeded: at !== null, seededAt: at === null ? null : new Date(at).toISOString(), counts };
}

/** Writes `activity` and its ledger in one transaction. */
export async function writeDemoActivity(db: DemoDb, activity: DemoActivity, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ledger = async (kind: DemoRowKind, keys: readonly string[]) =>
      inBatches(keys, (batch) =>
        trx
          .insertInto('rollout_demo_row')
          .values(batch.map((row_key) => ({ kind, row_key, created_at: now })))
          .execute(),
      );

    await inBatches(activity.installs, (batch) =>
      trx
        .insertInto('rollout_install')
        .values(
          batch.map((i) => {
            const last = i.days.at(-1);
            const lastActive = [...i.days].reverse().find((d) => d.active);
            const at = (day: number) => Math.max(i.firstSeenAt, day * DAY_MS + 5 * 3_600_000);
            return {
              install_id: i.installId,
              unit_code: i.unitCode,
              brought_in: 0,
              referred_by: null,
              via_unit_code: i.viaUnitCode,
              volunteer_id: null,
              referral_code: randomBytes(6).toString('base64url'),
              app_version: 'demo',
              first_seen_at: i.firstSeenAt,
              first_seen_day: localDay(i.firstSeenAt),
              last_seen_at: last ? at(last.day) : i.firstSeenAt,
              last_active_at: lastActive ? at(lastActive.day) : null,
              checkpoint_key: null,
            };
          }),
        )
        .execute(),
    );
    const days = activity.installs.flatMap((i) =>
      i.days.map((d) => ({
        install_id: i.installId,
        day: d.day,
        unit_code: i.unitCode,
        tracing_active: d.active ? 1 : 0,
      })),
    );
    await inBatches(days, (batch) => trx.insertInto('rollout_attestation_day').values(batch).execute());
    await ledger(
      'install',
      activity.installs.map((i) => i.installId),
    );

    const checkpointIds = new Map<string, number>();
    for (const unitCode of activity.checkpointUnits) {
      const row = await trx
        .insertInto('rollout_checkpoint')
        .values({ unit_code: unitCode, name: CHECKPOINT_NAME, created_at: now, retired_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      checkpointIds.set(unitCode, Number(row.id));
    }
    await ledger('checkpoint', [...checkpointIds.values()].map(String));
    await inBatches(activity.scans, (batch) =>
      trx
        .insertInto('rollout_checkpoint_log')
        .values(
          batch.map((s) => ({
            checkpoint_id: checkpointIds.get(s.checkpointUnit) ?? 0,
            direction: s.direction,
            result: s.result,
            reason: s.reason,
            reason_code: s.reasonCode,
            radio: s.radio,
            visitor: null,
            at: s.at,
            day: localDay(s.at),
            recorded_by: DEMO_AUTHOR,
          })),
        )
        .execute(),
    );

    const campaignIds: string[] = [];
    for (const c of activity.campaigns) {
      const row = await trx
        .insertInto('rollout_campaign')
        .values({
          unit_code: c.unitCode,
          name: c.name,
          audience: 'contacts',
          channel: 'sms',
          template: c.template,
          zalo_template_id: null,
          schedule_kind: 'once',
          run_at: c.createdAt,
          cron: null,
          until_at: null,
          quiet_start: '21:00',
          quiet_end: '07:00',
          cap_max: 2,
          cap_window_hours: 168,
          next_run_at: null,
          status: 'done',
          created_at: c.createdAt,
          created_by: DEMO_AUTHOR,
          approved_by: DEMO_AUTHOR,
          approved_at: c.createdAt,
          rejected_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      campaignIds.push(String(id));
      await trx
        .insertInto('rollout_outbox_tally')
        .values([
          { campaign_id: id, status: 'sent', delivery: 'delivered', count: c.delivered },
          { campaign_id: id, status: 'failed', delivery: '', count: c.failed },
        ])
        .execute();
    }
    await ledger('campaign', campaignIds);

    const codes = activity.codes.map((c) => ({ ...c, uuid: randomUUID() }));
    // A demo code has no text anyone could type: its hashes are of random bytes nobody keeps.
    const unguessable = () => createHash('sha256').update(randomBytes(32)).digest('hex');
    await inBatches(codes, (batch) =>
      trx
        .insertInto('verification_code')
        .values(
          batch.map((c) => ({
            uuid: c.uuid,
            realm: DEFAULT_REALM,
            code_hash: unguessable(),
            long_code_hash: unguessable(),
            test_type: c.testType,
            symptom_date: null,
            test_date: new Date(c.issuedAt).toISOString().slice(0, 10),
            tz_offset: 420,
            issued_at: c.issuedAt,
            issued_day: Math.floor(c.issuedAt / DAY_MS),
            expires_at: c.issuedAt + 3_600_000,
            long_expires_at: c.issuedAt + DAY_MS,
            claimed_at: c.claimedAt,
            claimed_day: c.claimedAt === null ? null : Math.floor(c.claimedAt / DAY_MS),
          })),
        )
        .execute(),
    );
    await inBatches(codes, (batch) =>
      trx
        .insertInto('issued_code_record')
        .values(
          batch.map((c) => ({
            uuid: c.uuid,
            realm: DEFAULT_REALM,
            issued_by_user: null,
            issued_by: DEMO_AUTHOR,
            phone_last3: null,
            issued_at: c.issuedAt,
            revoked_at: null,
            revoked_by: null,
          })),
        )
        .execute(),
    );
    await ledger(
      'code',
      codes.map((c) => c.uuid),
    );
  });
}

/** Deletes every row the ledger lists, and the ledger; answers how many of each went. */
export async function clearDemoActivity(db: DemoDb): Promise<demoApi.DemoCounts> {
  const before = await demoStatus(db);
  await db.transaction().execute(async (trx) => {
    const listed = (kind: DemoRowKind) => trx.selectFrom('rollout_demo_row').select('row_key').where('kind', '=', kind);
    await trx.deleteFrom('rollout_attestation_day').where('install_id', 'in', listed('install')).execute();
    await trx.deleteFrom('rollout_install_move').where('install_id', 'in', listed('install')).execute();
    await trx.deleteFrom('rollout_install').where('install_id', 'in', listed('install')).execute();
    const checkpoints = (await listed('checkpoint').execute()).map((r) => Number(r.row_key));
    const campaigns = (await listed('campaign').execute()).map((r) => Number(r.row_key));
    if (checkpoints.length > 0) {
      await trx.deleteFrom('rollout_checkpoint_log').where('checkpoint_id', 'in', checkpoints).execute();
      await trx.deleteFrom('rollout_checkpoint_gate_key').where('checkpoint_id', 'in', checkpoints).execute();
      await trx.deleteFrom('rollout_checkpoint').where('id', 'in', checkpoints).execute();
    }
    if (campaigns.length > 0) {
      await trx.deleteFrom('rollout_outbox_tally').where('campaign_id', 'in', campaigns).execute();
      await trx.deleteFrom('rollout_campaign').where('id', 'in', campaigns).execute();
    }
    await trx.deleteFrom('issued_code_record').where('uuid', 'in', listed('code')).execute();
    await trx.deleteFrom('verification_code').where('uuid', 'in', listed('code')).execute();
    await trx.deleteFrom('rollout_demo_row').execute();
  });
  return before.counts;
}
