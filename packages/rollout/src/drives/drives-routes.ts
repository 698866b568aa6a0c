/**
 * HTTP routes of install drives: create and list drives, a drive with its volunteers and their
 * invite links, add a volunteer, and the results with the leaderboard (JSON and as a file).
 * Every route answers within the caller's scope: a unit manager sees the drives of their subtree.
 */
import { drivesApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext, site } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, rolloutScope, scopedUnit, scopeRoot } from '../access/rollout-scope';
import { REPORT_FORMATS } from '../coverage/coverage-export';
import { installBaseUrl } from '../install-base-url';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { listUnits } from '../units/units-repository';
import { addVolunteer, createDrive, driveViews, getDriveRow } from './drive';
import { drivesReport } from './drive-results';
import { drivesReportFile } from './drive-results-export';
import { volunteerInviteLink } from './volunteer-invite';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

export function drivesRoutes(app: Hono<AppEnv>, ctx: ServerContext, config: RolloutConfig): void {
  const db = rolloutDb(ctx.database);
  const retention = config.volunteerRetentionDays;
  /** Builds volunteers' invite links on the install base this request's site uses. */
  const linker = async (c: Context) => {
    const base = await installBaseUrl(ctx, config, site.requestOrigin(c, ctx.config.trustProxy));
    return (inviteCode: string) => volunteerInviteLink(base, inviteCode);
  };
  /** The subtree a list or report covers: `?unit=`, else the caller's own, else the district. */
  const rootOf = async (c: Context) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const root = c.req.query('unit') ?? scopeRoot(scope) ?? units.find((u) => u.parentCode === null)?.code ?? '';
    if (!units.some((u) => u.code === root)) throw new RolloutError('unknown_unit', `no unit with code ${root}`);
    assertUnitInScope(scope, root, units);
    return { root, units };
  };
  /** The drive in the path, after checking the caller may see the unit running it. */
  const scopedDrive = async (c: Context) => {
    const drive = await getDriveRow(db, Number(c.req.param('id')));
    const { units } = await scopedUnit(c, ctx, drive.unit_code);
    return { drive, units };
  };

  app.post(api.createDrive.path, async (c) => {
    const body = await parseBody(c, api.createDrive.request);
    const { unit, units } = await scopedUnit(c, ctx, body.unitCode);
    const id = await createDrive(db, ctx.clock, unit, body);
    const { drives } = await driveViews(
      db,
      ctx.clock.now(),
      [await getDriveRow(db, id)],
      units,
      await linker(c),
      retention,
    );
    return reply(c, api.createDrive, { drive: drives[0] as api.Drive }, 201);
  });

  app.get(api.listDrives.path, async (c) => {
    const { root, units } = await rootOf(c);
    const report = await drivesReport(db, ctx.clock.now(), root, units, await linker(c), retention);
    return reply(c, api.listDrives, { drives: report.drives });
  });

  // Before /drives/:id, which would take "results" and "report" for an id.
  app.get(api.driveResults.path, async (c) => {
    const { root, units } = await rootOf(c);
    return reply(c, api.driveResults, await drivesReport(db, ctx.clock.now(), root, units, await linker(c), retention));
  });

  app.get(api.driveResultsFile.path, async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new RolloutError('invalid_input', `format must be one of ${REPORT_FORMATS.join(', ')}`);
    }
    const table = c.req.query('table') ?? 'drives';
    if (table !== 'drives' && table !== 'leaderboard') {
      throw new RolloutError('invalid_input', 'table must be drives or leaderboard');
    }
    const { root, units } = await rootOf(c);
    const report = await drivesReport(db, ctx.clock.now(), root, units, await linker(c), retention);
    const f = format as (typeof REPORT_FORMATS)[number];
    const file = await drivesReportFile(report, f, table);
    c.header('content-type', CONTENT_TYPES[f]);
    c.header('content-disposition', `attachment; filename="drives-${root}${f === 'csv' ? `-${table}` : ''}.${f}"`);
    return c.body(new Uint8Array(file));
  });

  app.get(api.getDrive.path, async (c) => {
    const { drive, units } = await scopedDrive(c);
    const view = await driveViews(db, ctx.clock.now(), [drive], units, await linker(c), retention);
    return reply(c, api.getDrive, { drive: view.drives[0] as api.Drive, volunteers: view.volunteers });
  });

  app.post(api.addVolunteer.path, async (c) => {
    const { drive, units } = await scopedDrive(c);
    const body = await parseBody(c, api.addVolunteer.request);
    const added = await addVolunteer(db, ctx.clock, drive, body, retention);
    const view = await driveViews(db, ctx.clock.now(), [drive], units, await linker(c), retention);
    const volunteer = view.volunteers.find((v) => v.id === added.id) as api.Volunteer;
    return reply(c, api.addVolunteer, { volunteer }, 201);
  });
}
