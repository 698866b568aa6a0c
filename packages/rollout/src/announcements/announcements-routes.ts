/** HTTP routes of broadcast announcements: list, create, and the spoken WAV for loudspeakers. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announcementsApi as api } from '@bluezone/protocol/api';
import { type AppEnv, parseBody, reply, type ServerContext } from '@bluezone/server';
import type { Hono } from 'hono';
import { assertUnitInScope, rolloutScope, visibleCodes } from '../access/rollout-scope';
import { rolloutDb } from '../rollout-db';
import { listUnits } from '../units/units-repository';
import { nextBroadcasts } from './announcement';
import { synthesizeAnnouncement } from './announcement-audio';
import { createAnnouncement, getAnnouncement, listAnnouncements } from './announcements-repository';

export function announcementsRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const db = rolloutDb(ctx.database);

  app.get(api.listAnnouncements.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const visible = visibleCodes(scope, await listUnits(db));
    const now = new Date(ctx.clock.now());
    const all = await listAnnouncements(db);
    return reply(c, api.listAnnouncements, {
      announcements: all
        .filter((a) => !visible || visible.has(a.unitCode))
        .map((a) => ({ ...a, nextBroadcasts: nextBroadcasts(a, now, 3).map((d) => d.toISOString()) })),
    });
  });

  app.post(api.createAnnouncement.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const input = await parseBody(c, api.createAnnouncement.request);
    assertUnitInScope(scope, input.unitCode, await listUnits(db));
    return reply(c, api.createAnnouncement, await createAnnouncement(db, ctx.clock, input), 201);
  });

  app.get(api.announcementAudio.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const a = await getAnnouncement(db, Number(c.req.param('id')));
    assertUnitInScope(scope, a.unitCode, await listUnits(db));
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
}
