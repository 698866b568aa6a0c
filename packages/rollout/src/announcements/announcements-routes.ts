/**
 * HTTP routes of broadcast announcements: list, create, edit and retire scripts, the spoken WAV
 * for loudspeakers, and the broadcast log (record, list). A unit manager sees the scripts of
 * their subtree and those above it that air on their loudspeakers (a district script), edits
 * only their subtree's, and logs broadcasts of their own units' loudspeakers.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announcementsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Context, Hono } from 'hono';
import { assertUnitInScope, requireUnitScope, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { subtreeCodes, type Unit } from '../units/unit';
import { listUnits } from '../units/units-repository';
import { type Announcement, nextBroadcasts } from './announcement';
import { synthesizeAnnouncement } from './announcement-audio';
import {
  countBroadcasts,
  createAnnouncement,
  getAnnouncement,
  listAnnouncements,
  listBroadcastRows,
  retireAnnouncement,
  updateAnnouncement,
} from './announcements-repository';
import { recordBroadcast, toBroadcast } from './broadcast-log';

function idParam(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new RolloutError('invalid_input', 'announcement id must be a number');
  return Number(raw);
}

/** Whether a script concerns someone who sees `visible`: it is in their subtree or airs on it from above. */
function concerns(a: Announcement, visible: Set<string> | undefined, units: readonly Unit[]): boolean {
  if (!visible) return true;
  if (visible.has(a.unitCode)) return true;
  const under = subtreeCodes(a.unitCode, units);
  return [...visible].some((code) => under.has(code));
}

export function announcementsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  app.get(api.listAnnouncements.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const units = await listUnits(db);
    const visible = visibleCodes(scope, units);
    const now = new Date(ctx.clock.now());
    const all = await listAnnouncements(db);
    return reply(c, api.listAnnouncements, {
      announcements: all
        .filter((a) => concerns(a, visible, units))
        .map((a) => ({ ...a, nextBroadcasts: nextBroadcasts(a, now, 3).map((d) => d.toISOString()) })),
    });
  });

  app.post(api.createAnnouncement.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const input = await parseBody(c, api.createAnnouncement.request);
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    return reply(c, api.createAnnouncement, await createAnnouncement(db, ctx.clock, input), 201);
  });

  app.patch(api.updateAnnouncement.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const id = idParam(c);
    const edit = await parseBody(c, api.updateAnnouncement.request);
    assertUnitInScope(scope, (await getAnnouncement(db, id)).unitCode, await listUnits(db));
    const updated = await updateAnnouncement(db, ctx.clock, id, edit);
    ctx.logger.info('announcement edited', { announcement: id, by: scope.label });
    return reply(c, api.updateAnnouncement, updated);
  });

  app.post(api.retireAnnouncement.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const id = idParam(c);
    assertUnitInScope(scope, (await getAnnouncement(db, id)).unitCode, await listUnits(db));
    const retired = await retireAnnouncement(db, ctx.clock, id);
    ctx.logger.info('announcement retired', { announcement: id, by: scope.label });
    return reply(c, api.retireAnnouncement, retired);
  });

  app.get(api.announcementAudio.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const a = await getAnnouncement(db, idParam(c));
    const units = await listUnits(db);
    if (!concerns(a, visibleCodes(scope, units), units)) assertUnitInScope(scope, a.unitCode, units);
    const dir = await mkdtemp(join(tmpdir(), 'bluezone-announce-'));
    try {
      const file = join(dir, 'announcement.wav');
      await synthesizeAnnouncement(a.text, file);
      c.header('content-type', 'audio/wav');
      return c.body(new Uint8Array(await readFile(file)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.post(api.recordBroadcast.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const script = await getAnnouncement(db, idParam(c));
    const input = await parseBody(c, api.recordBroadcast.request);
    const units = await listUnits(db);
    assertUnitInScope(scope, input.unitCode, units);
    const entry = await recordBroadcast(db, ctx.clock, script, input, scope.label, units);
    return reply(c, api.recordBroadcast, entry, 201);
  });

  app.get(api.listBroadcasts.path, async (c) => {
    const scope = requireUnitScope(await rolloutScope(c, ctx));
    const units = await listUnits(db);
    const unit = c.req.query('unit');
    if (unit !== undefined) {
      if (!units.some((u) => u.code === unit)) throw new RolloutError('unknown_unit', `no unit with code ${unit}`);
      assertUnitInScope(scope, unit, units);
    }
    const root = unit ?? (scope.kind === 'manager' ? scope.unitCode : undefined);
    const unitCodes = root === undefined ? undefined : [...subtreeCodes(root, units)];
    const rawScript = c.req.query('announcement');
    if (rawScript !== undefined && !/^\d{1,9}$/.test(rawScript))
      throw new RolloutError('invalid_input', 'announcement must be a script id');
    const rawLimit = c.req.query('limit') ?? '200';
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 1000)
      throw new RolloutError('invalid_input', 'limit must be a number from 1 to 1000');
    const filter = {
      ...(unitCodes ? { unitCodes } : {}),
      ...(rawScript !== undefined ? { announcementId: Number(rawScript) } : {}),
    };
    const rows = await listBroadcastRows(db, { ...filter, limit: Number(rawLimit) });
    const scripts = await listAnnouncements(db);
    return reply(c, api.listBroadcasts, {
      broadcasts: rows.map((r) => toBroadcast(r, scripts, units)),
      ...(await countBroadcasts(db, filter)),
    });
  });
}
