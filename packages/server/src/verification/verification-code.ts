/**
 * Verification codes: a short code (8 digits, 15 minutes) to read over the phone and a long
 * code (16 alphanumerics, 24 hours) for SMS links, both from the CSPRNG. Only their HMAC
 * under a server secret is stored: short codes have too little entropy for a bare hash, and a
 * database leak must not let anyone claim a code.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { randomInt } from '../clock';
import type { ServerTables } from '../database/tables';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import './verification-errors';
import type { TestType } from '../certificates/test-type';

export const SHORT_CODE_LENGTH = 8;
export const SHORT_CODE_TTL_MS = 15 * 60_000;
export const LONG_CODE_LENGTH = 16;
export const LONG_CODE_TTL_MS = 24 * 3600_000;
const LONG_CODE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DAY_MS = 86_400_000;

export interface IssueRequest {
  realm: string;
  testType: TestType;
  symptomDate: string | null;
  testDate: string | null;
  tzOffset: number;
}

export interface IssuedCode {
  uuid: string;
  code: string;
  expiresAt: number;
  longCode: string;
  longExpiresAt: number;
}

export interface ClaimedCode {
  uuid: string;
  realm: string;
  testType: TestType;
  symptomDate: string | null;
  testDate: string | null;
}

async function codeHasher(ctx: ServerContext): Promise<(code: string) => string> {
  const key = await ctx.secrets.get('verification-code-hmac', () =>
    Buffer.from(ctx.random.bytes(32)).toString('base64'),
  );
  return (code) => createHmac('sha256', key).update(code).digest('hex');
}

function shortCode(ctx: ServerContext): string {
  return String(randomInt(ctx.random, 10 ** SHORT_CODE_LENGTH)).padStart(SHORT_CODE_LENGTH, '0');
}

function longCode(ctx: ServerContext): string {
  let out = '';
  for (let i = 0; i < LONG_CODE_LENGTH; i++)
    out += LONG_CODE_ALPHABET[randomInt(ctx.random, LONG_CODE_ALPHABET.length)];
  return out;
}

export async function issueCode(ctx: ServerContext, request: IssueRequest): Promise<IssuedCode> {
  const hash = await codeHasher(ctx);
  const now = ctx.clock.now();
  // Expired codes keep their hash until purged; a collision with one is retried, not an error.
  for (let attempt = 0; attempt < 5; attempt++) {
    const issued: IssuedCode = {
      uuid: randomUUID(),
      code: shortCode(ctx),
      expiresAt: now + SHORT_CODE_TTL_MS,
      longCode: longCode(ctx),
      longExpiresAt: now + LONG_CODE_TTL_MS,
    };
    const inserted = await ctx.database.db
      .insertInto('verification_code')
      .values({
        uuid: issued.uuid,
        realm: request.realm,
        code_hash: hash(issued.code),
        long_code_hash: hash(issued.longCode),
        test_type: request.testType,
        symptom_date: request.symptomDate,
        test_date: request.testDate,
        tz_offset: request.tzOffset,
        issued_at: now,
        issued_day: Math.floor(now / DAY_MS),
        expires_at: issued.expiresAt,
        long_expires_at: issued.longExpiresAt,
        claimed_at: null,
        claimed_day: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return issued;
  }
  throw new ServerError('unavailable', 503, 'could not allocate a unique code; try again');
}

/** The uuid of a short or long code in `realm`, found by its HMAC; undefined when there is none. */
export async function findCodeUuid(ctx: ServerContext, realm: string, code: string): Promise<string | undefined> {
  const hash = (await codeHasher(ctx))(code);
  const row = await ctx.database.db
    .selectFrom('verification_code')
    .select(['uuid', 'realm'])
    .where((eb) => eb.or([eb('code_hash', '=', hash), eb('long_code_hash', '=', hash)]))
    .executeTakeFirst();
  return row && row.realm === realm ? row.uuid : undefined;
}

/**
 * What /api/verify answers for every code it cannot take — none with that text, another
 * realm's, expired, already used: one answer, so a guesser learns nothing about which codes
 * exist (distinct answers told which guesses had hit a real code). What the person holding the
 * code needs is the same in every case: a new one from the health station.
 */
export function unusableCode(): ServerError {
  return new ServerError('code_invalid', 400, 'this code cannot be used; ask the health station for a new one');
}

/**
 * Whether `realm` has any code on record (codes are kept KEY_RETENTION_DAYS after issue).
 *
 * The realm hint (a device key and the admin keys that issue codes set up in different realms
 * answered "not found" with no hint): a realm with no code on record cannot have a code that
 * works, so telling its callers that their codes must come from another realm says nothing
 * about any code — it is the same answer for every code, real or guessed, and reveals only that
 * the realm issues none. Hinting from the code itself (is it another realm's?) would be an
 * oracle; a realm tag or check digit in the code's text would change the code format health
 * staff read out and apps validate, and cost the short code a digit of entropy.
 */
async function realmHasCodes(ctx: ServerContext, realm: string): Promise<boolean> {
  const row = await ctx.database.db
    .selectFrom('verification_code')
    .select('uuid')
    .where('realm', '=', realm)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims a short or long code once; the caller's realm must be the code's and its test type one
 * the app accepts (checked before claiming: a code refused for its type stays usable).
 * `alongside` writes what the claim gives (the token's row) in the claim's transaction: if it
 * fails, the code stays unclaimed and the phone's retry can still use it. It may use only `trx`;
 * what it returns comes back beside the claimed code.
 */
export async function claimCode<T>(
  ctx: ServerContext,
  realm: string,
  code: string,
  accept: readonly TestType[],
  alongside: (trx: Transaction<ServerTables>, claimed: ClaimedCode) => Promise<T>,
): Promise<{ claimed: ClaimedCode; alongside: T }> {
  const hash = (await codeHasher(ctx))(code);
  const { db } = ctx.database;
  const row = await db
    .selectFrom('verification_code')
    .selectAll()
    .where((eb) => eb.or([eb('code_hash', '=', hash), eb('long_code_hash', '=', hash)]))
    .executeTakeFirst();
  const now = ctx.clock.now();
  const usable =
    row !== undefined &&
    row.realm === realm &&
    row.claimed_at === null &&
    now < (row.code_hash === hash ? row.expires_at : row.long_expires_at);
  if (!usable) {
    if (!(await realmHasCodes(ctx, realm))) {
      throw new ServerError(
        'code_other_realm',
        400,
        `no code has been issued in this app's realm (${realm}): the code is another realm's; the app's device key and the admin keys that issue codes must be of one realm`,
      );
    }
    throw unusableCode();
  }
  if (!accept.includes(row.test_type)) {
    throw new ServerError('unsupported_test_type', 412, `the code is for a ${row.test_type} test, not accepted`);
  }
  const claimed: ClaimedCode = {
    uuid: row.uuid,
    realm: row.realm,
    testType: row.test_type,
    symptomDate: row.symptom_date,
    testDate: row.test_date,
  };
  return db.transaction().execute(async (trx) => {
    // Conditional update: of two concurrent claims, exactly one changes the row.
    const updated = await trx
      .updateTable('verification_code')
      .set({ claimed_at: now, claimed_day: Math.floor(now / DAY_MS) })
      .where('uuid', '=', row.uuid)
      .where('claimed_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw unusableCode();
    return { claimed, alongside: await alongside(trx, claimed) };
  });
}

export interface CodeStatus {
  claimed: boolean;
  expiresAt: number;
  longExpiresAt: number;
}

export async function codeStatus(ctx: ServerContext, realm: string, uuid: string): Promise<CodeStatus> {
  const row = await ctx.database.db
    .selectFrom('verification_code')
    .select(['realm', 'claimed_at', 'expires_at', 'long_expires_at'])
    .where('uuid', '=', uuid)
    .executeTakeFirst();
  if (!row || row.realm !== realm) throw new ServerError('code_not_found', 404, 'no code with this uuid');
  return { claimed: row.claimed_at !== null, expiresAt: row.expires_at, longExpiresAt: row.long_expires_at };
}

/** Expires both codes now; a claimed code stays claimed. */
export async function expireCode(ctx: ServerContext, realm: string, uuid: string): Promise<CodeStatus> {
  const status = await codeStatus(ctx, realm, uuid);
  const now = ctx.clock.now();
  await ctx.database.db
    .updateTable('verification_code')
    .set({ expires_at: Math.min(now, status.expiresAt), long_expires_at: Math.min(now, status.longExpiresAt) })
    .where('uuid', '=', uuid)
    .execute();
  return codeStatus(ctx, realm, uuid);
}
