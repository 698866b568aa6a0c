/** GET /api/rollout/coverage and the downloadable report; POST /api/rollout/attest from the app. */
import { coverageApi as api } from '@bluezone/protocol/api';
import { type AppEnv, clientIp, parseBody, reply, requireApiKey, type ServerContext, site } from '@bluezone/server';
import type { Hono } from 'hono';
import { assertUnitInScope, rolloutScope, scopeRoot } from '../access/rollout-scope';
import { installBaseUrl } from '../install-base-url';
import type { RolloutConfig } from '../rollout-config';
import { rolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { archivedQuery } from '../units/unit-archive';
import { listUnits } from '../units/units-repository';
import { attestationLimits, logAttestationRefused } from './attestation-limits';
import { coverageReport } from './coverage';
import { coverageReportFile, REPORT_FORMATS } from './coverage-export';
import { installExists, recordAttestation } from './coverage-repository';
import { InstallKeyRefused } from './install-key-binding';
import { reportExtras } from './report-extras';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

export function coverageRoutes(app: Hono<AppEnv>, ctx: ServerContext, config: RolloutConfig): void {
  const db = rolloutDb(ctx.database);

  const limits = attestationLimits(ctx, config);

  // The app (device API key, as for /api/verify) reports an install after scanning a unit QR.
  app.post(api.attest.path, requireApiKey(ctx, 'device'), async (c) => {
    await limits.fromAddress(clientIp(c, ctx.config.trustProxy));
    const body = await parseBody(c, api.attest.request);
    const named = [body.unitCode, body.homeUnitCode].filter((u) => u !== undefined);
    if (named.length > 0 && !(await installExists(db, body.installId))) await limits.newInstallAt(named);
    let result: Awaited<ReturnType<typeof recordAttestation>>;
    try {
      result = await recordAttestation(db, ctx.clock, {
        installId: body.installId,
        appVersion: body.appVersion,
        tracingActive: body.tracingActive,
        ...(body.unitCode !== undefined ? { unitCode: body.unitCode } : {}),
        ...(body.homeUnitCode !== undefined ? { homeUnitCode: body.homeUnitCode } : {}),
        ...(body.referralCode !== undefined ? { referralCode: body.referralCode } : {}),
        ...(body.volunteerCode !== undefined ? { volunteerCode: body.volunteerCode } : {}),
        ...(body.checkpointKey !== undefined ? { checkpointKey: body.checkpointKey } : {}),
        ...(body.rekeySignature !== undefined ? { rekeySignature: body.rekeySignature } : {}),
      });
    } catch (err) {
      if (err instanceof InstallKeyRefused) logAttestationRefused(ctx, err.reason);
      throw err;
    }
    // The install's own invite link/QR: only the code that credits it. Not its home: whoever
    // installs from it names their own (a relative of 20161-02 is not a resident of the inviter's village).
    const invite = new URL(await installBaseUrl(ctx, config, site.requestOrigin(c, ctx.config.trustProxy)));
    invite.searchParams.set('ref', result.referralCode);
    return reply(c, api.attest, { ...result, inviteLink: invite.toString() }, result.created ? 201 : 200);
  });

  app.get(api.coverage.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const root = c.req.query('unit') ?? scopeRoot(scope);
    if (root !== undefined) assertUnitInScope(scope, root, await listUnits(db));
    const days = c.req.query('days');
    return reply(
      c,
      api.coverage,
      await coverageReport(db, ctx.clock.now(), {
        ...(root !== undefined ? { root } : {}),
        ...(days && /^\d{1,3}$/.test(days) && Number(days) > 0 ? { trendDays: Number(days) } : {}),
        archived: archivedQuery(c.req.query('archived')),
      }),
    );
  });

  app.get(api.coverageReportFile.path, async (c) => {
    const scope = await rolloutScope(c, ctx);
    const format = c.req.query('format') ?? 'json';
    const root = c.req.query('unit') ?? scopeRoot(scope);
    if (root !== undefined) assertUnitInScope(scope, root, await listUnits(db));
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new RolloutError('invalid_input', `format must be one of ${REPORT_FORMATS.join(', ')}`);
    }
    const f = format as (typeof REPORT_FORMATS)[number];
    const now = ctx.clock.now();
    const report = await coverageReport(db, now, root !== undefined ? { root } : {});
    const extras =
      f === 'xlsx'
        ? await reportExtras(
            db,
            now,
            report.root,
            await listUnits(db),
            await installBaseUrl(ctx, config, site.requestOrigin(c, ctx.config.trustProxy)),
            config.volunteerRetentionDays,
          )
        : {};
    const file = await coverageReportFile(report, f, extras);
    c.header('content-type', CONTENT_TYPES[f]);
    c.header('content-disposition', `attachment; filename="coverage-${report.root}.${f}"`);
    return c.body(new Uint8Array(file));
  });
}
