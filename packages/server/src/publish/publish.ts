/**
 * Publishing keys: validate everything first (keys, certificate, HMAC, revision token), then
 * store in one transaction (a savepoint of a group commit) that also burns the certificate,
 * so a refused request stores nothing and a replayed certificate inserts nothing — also when
 * both uses of a certificate land in one group. Keys already on the server are revised
 * only when the request's revision token names them and the change is an upgrade
 * (likely → confirmed) or a revocation; the rest are skipped, and the response then says
 * `partial_failure`.
 */
import {
  exposureKeyHmacMatches,
  fromBase64,
  INTERVAL_SECONDS,
  ReportType,
  TEK_ROLLING_PERIOD,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { verifyAuthorityCertificate } from '../authorities/authority-certificate';
import { reportTypeOf } from '../certificates/test-type';
import { groupCommit } from '../database/group-commit';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import {
  burnCertificate,
  insertExposures,
  insertPublishLog,
  type NewExposure,
  selectExistingExposures,
} from './publish-repository';
import { daysSinceOnset, type PublishRequest, plausibleOnsetInterval, validatePublishKeys } from './publish-request';
import { createRevisionToken, openRevisionToken } from './revision-token';

const DAY_MS = 86_400_000;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;

export interface PublishResult {
  revisionToken: string;
  insertedExposures: number;
  warnings: string[];
  partial: boolean;
}

function revisionAllowed(current: number, next: ReportType): boolean {
  if (next === ReportType.Revoked) return current !== ReportType.Revoked;
  return current === ReportType.ConfirmedClinicalDiagnosis && next === ReportType.ConfirmedTest;
}

export async function publishKeys(ctx: ServerContext, request: PublishRequest): Promise<PublishResult> {
  const now = ctx.clock.now();
  const keys = request.temporaryExposureKeys;
  validatePublishKeys(keys, now);
  const certificate = await verifyAuthorityCertificate(ctx, request.healthAuthorityID, request.verificationPayload);
  let hmacKey: Uint8Array;
  try {
    hmacKey = fromBase64(request.hmacKey);
  } catch {
    throw new ServerError('invalid_request', 400, 'hmacKey is not valid base64');
  }
  // node:crypto's HMAC: this runs on every publish (the portable one measured about twice as slow).
  if (!exposureKeyHmacMatches(nodeBackend, keys, hmacKey, certificate.tekmac)) {
    throw new ServerError('hmac_mismatch', 400, "the keys do not match the certificate's tekmac");
  }
  const reportType = reportTypeOf(certificate.reportType);
  // The certificate is authoritative; the request's own value only fills a gap. Only a
  // plausible onset counts (within the last 28 days), wherever it comes from.
  const onset = plausibleOnsetInterval(
    [certificate.symptomOnsetInterval, certificate.testDateInterval, request.symptomOnsetInterval],
    now,
  );
  const covered = request.revisionToken ? await openRevisionToken(ctx, request.revisionToken) : new Set<string>();
  if (reportType === ReportType.Revoked && covered.size === 0) {
    throw new ServerError('nothing_to_revise', 400, 'a negative test can only revoke keys named by a revision token');
  }
  const region = ctx.config.exportRegion;
  const { dialect } = ctx.database;

  // Shared with concurrent publishes (group commit); rolled back alone if it throws.
  const outcome = await groupCommit(ctx.database).run(async (trx) => {
    if (!(await burnCertificate(trx, dialect, certificate.jti, certificate.expiresAt * 1000))) {
      throw new ServerError('certificate_used', 401, 'the certificate has already been used');
    }
    const existing = new Map(
      (
        await selectExistingExposures(
          trx,
          dialect,
          keys.map((k) => k.key),
        )
      ).map((row) => [row.key, row]),
    );
    const warnings: string[] = [];
    const accepted: string[] = [];
    const inserts: NewExposure[] = [];
    let revised = 0;
    for (const k of keys) {
      const dsos = daysSinceOnset(k.rollingStartNumber, onset);
      const row = existing.get(k.key);
      if (!row) {
        if (reportType === ReportType.Revoked) {
          warnings.push(`key ${k.rollingStartNumber} is not on the server; nothing to revoke`);
          continue;
        }
        const expires = (k.rollingStartNumber + k.rollingPeriod) * INTERVAL_MS;
        inserts.push({
          key: k.key,
          region,
          transmissionRisk: k.transmissionRisk,
          rollingStart: k.rollingStartNumber,
          rollingPeriod: k.rollingPeriod,
          reportType,
          daysSinceOnset: dsos ?? null,
          traveler: request.traveler ? 1 : 0,
          healthAuthorityId: request.healthAuthorityID,
          createdAt: now,
          // Embargo: a key still in use must not be exported before it expires.
          publishableAt: Math.max(now, expires),
        });
        accepted.push(k.key);
        continue;
      }
      const current = row.revised_report_type ?? row.report_type;
      if (!covered.has(k.key) || !revisionAllowed(current, reportType)) {
        warnings.push(`key ${k.rollingStartNumber} is already published and cannot be revised by this request`);
        continue;
      }
      // Not exported yet: correct it in place. Exported: record a revision for the next batch.
      const update =
        row.export_batch_id === null
          ? { report_type: reportType, days_since_onset: dsos ?? null }
          : { revised_report_type: reportType, revised_days_since_onset: dsos ?? null, revised_at: now };
      await trx.updateTable('exposure').set(update).where('id', '=', row.id).execute();
      revised++;
      accepted.push(k.key);
    }
    if (accepted.length === 0) {
      throw new ServerError('nothing_to_revise', 400, warnings[0] ?? 'no key could be published');
    }
    if (inserts.length > 0) await insertExposures(trx, dialect, inserts);
    const nowInterval = Math.floor(now / INTERVAL_MS);
    await insertPublishLog(trx, dialect, {
      createdAt: now,
      day: Math.floor(now / DAY_MS),
      keyCount: accepted.length,
      onsetToUploadDays: onset === undefined ? null : Math.floor((nowInterval - onset) / TEK_ROLLING_PERIOD),
      revision: revised > 0 ? 1 : 0,
    });
    return { accepted, warnings, inserted: inserts.length + revised };
  });

  const tokenKeys = new Set([...covered, ...outcome.accepted]);
  return {
    revisionToken: await createRevisionToken(ctx, [...tokenKeys]),
    insertedExposures: outcome.inserted,
    warnings: outcome.warnings,
    partial: outcome.warnings.length > 0,
  };
}
