/**
 * HTTP API of verification, in the shape of google/exposure-notifications-verification-server
 * (docs/api.md): /api/issue, /api/checkcodestatus, /api/expirecode (admin key);
 * /api/verify, /api/certificate (device key; both accept decoys via X-Chaff). Requests and
 * answers are the contract's (@bluezone/protocol/api key-server.ts).
 */
import { keyServerApi as api } from '@bluezone/protocol/api';
import type { Hono } from 'hono';
import { requireApiKey } from '../apikeys/api-key-auth';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { isChaff, randomPadding } from '../http/chaff';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { ServerError } from '../http/server-error';
import { certificateKeys, issueCertificate } from './certificate';
import { recordIssuedCode } from './issued-codes';
import { claimCode, codeStatus, expireCode, issueCode } from './verification-code';
import { redeemToken, tokenIssuer } from './verification-token';
import { verifyGuessLimit } from './verify-guesses';

const DAY_MS = 86_400_000;
/** Symptom and test dates older than this are refused (keys older than 14 days are not kept). */
const MAX_DATE_AGE_DAYS = 14;

/** Local calendar day of `now` at `tzOffset` minutes east of UTC, as days since the epoch. */
function localDay(now: number, tzOffset: number): number {
  return Math.floor((now + tzOffset * 60_000) / DAY_MS);
}

function checkDate(date: string | undefined, name: string, today: number): string | null {
  if (date === undefined) return null;
  const day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
  if (day > today) throw new ServerError('invalid_request', 400, `${name} is in the future`);
  if (day < today - MAX_DATE_AGE_DAYS) {
    throw new ServerError('invalid_request', 400, `${name} is more than ${MAX_DATE_AGE_DAYS} days ago`);
  }
  return date;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function verificationRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const admin = requireApiKey(ctx, 'admin');
  const device = requireApiKey(ctx, 'device');
  const guessLimit = verifyGuessLimit(ctx);

  app.post(api.issue.path, admin, async (c) => {
    const body = await parseBody(c, api.issue.request);
    // Refused before a code exists: a code nobody can receive is of no use.
    if (body.phone && !ctx.sms) {
      throw new ServerError('sms_unavailable', 503, 'this server sends no SMS (no messaging feature is mounted)');
    }
    if (body.phone) ctx.sms?.checkRecipient?.(body.phone);
    const today = localDay(ctx.clock.now(), body.tzOffset);
    const realm = c.get('apiKey').realm;
    const issued = await issueCode(ctx, {
      realm,
      testType: body.testType,
      symptomDate: checkDate(body.symptomDate, 'symptomDate', today),
      testDate: checkDate(body.testDate, 'testDate', today),
      tzOffset: body.tzOffset,
    });
    if (body.phone && ctx.sms) {
      await ctx.sms.send({
        phone: body.phone,
        text: `Bluezone: your verification code is ${issued.code} (valid 15 minutes). Or open bluezone://v?c=${issued.longCode}`,
        expiresAt: issued.longExpiresAt,
        realm,
      });
    }
    await recordIssuedCode(ctx, c, { uuid: issued.uuid, realm, phone: body.phone }); // the health console's list
    ctx.logger.info('code issued', { realm, testType: body.testType, sms: body.phone !== undefined });
    return reply(c, api.issue, {
      uuid: issued.uuid,
      code: issued.code,
      expiresAt: new Date(issued.expiresAt).toUTCString(),
      expiresAtTimestamp: seconds(issued.expiresAt),
      longCode: issued.longCode,
      longExpiresAt: new Date(issued.longExpiresAt).toUTCString(),
      longExpiresAtTimestamp: seconds(issued.longExpiresAt),
    });
  });

  app.post(api.checkCodeStatus.path, admin, async (c) => {
    const { uuid } = await parseBody(c, api.checkCodeStatus.request);
    const s = await codeStatus(ctx, c.get('apiKey').realm, uuid);
    return reply(c, api.checkCodeStatus, {
      claimed: s.claimed,
      expiresAtTimestamp: seconds(s.expiresAt),
      longExpiresAtTimestamp: seconds(s.longExpiresAt),
    });
  });

  app.post(api.expireCode.path, admin, async (c) => {
    const { uuid } = await parseBody(c, api.expireCode.request);
    const s = await expireCode(ctx, c.get('apiKey').realm, uuid);
    return reply(c, api.expireCode, {
      expiresAtTimestamp: seconds(s.expiresAt),
      longExpiresAtTimestamp: seconds(s.longExpiresAt),
    });
  });

  app.post(api.verify.path, device, async (c) => {
    if (isChaff(c)) {
      return reply(c, api.verify, {
        testtype: 'confirmed',
        symptomDate: '',
        testDate: '',
        token: randomPadding(ctx.random, 300),
      });
    }
    const body = await parseBody(c, api.verify.request);
    // Apps that predate `likely` send no accept list: they understand confirmed only (Google's default).
    const accept = body.accept ?? ['confirmed'];
    // The token's row is written in the claim's transaction: a server that fails to record it
    // leaves the code unclaimed, so the phone's retry is not refused as a used code.
    const issue = await tokenIssuer(ctx);
    const { claimed, alongside: token } = await guessLimit(c, () =>
      claimCode(ctx, c.get('apiKey').realm, body.code, accept, (trx, code) => issue(code, trx)),
    );
    ctx.logger.info('code claimed', { realm: claimed.realm, testType: claimed.testType });
    return reply(c, api.verify, {
      testtype: claimed.testType,
      symptomDate: claimed.symptomDate ?? '',
      testDate: claimed.testDate ?? '',
      token,
    });
  });

  app.post(api.certificate.path, device, async (c) => {
    if (isChaff(c)) return reply(c, api.certificate, { certificate: randomPadding(ctx.random, 450) });
    const body = await parseBody(c, api.certificate.request);
    // The signing key before the token is spent: a server that cannot sign answers 503 with the
    // token still unused, so the phone's retry gets its certificate instead of token_used.
    const keys = await certificateKeys(ctx);
    const token = await redeemToken(ctx, body.token);
    return reply(c, api.certificate, { certificate: await issueCertificate(ctx, keys, token, body.ekeyhmac) });
  });
}
