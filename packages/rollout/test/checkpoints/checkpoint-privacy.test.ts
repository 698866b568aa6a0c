// The radio check must not let the key server link an install to an identifier it advertised:
// a resident who reports positive publishes their TEKs, from which anyone recomputes every RPI
// of those days, so an (install, RPI) pair anywhere on the server would unmask them. Here a
// visitor's pass commits to a real RPI of a TEK, a gatekeeper checks it (the phone keeps the
// radio part), the TEK is then "published", and every table, every log line (at debug level)
// and every HTTP answer is searched for each of its 144 RPIs and for the pass's salt, in hex,
// base64 and base64url. A gatekeeper client that wrongly sends the whole pass is refused, and
// that request leaves nothing behind either.
import { randomBytes } from 'node:crypto';
import {
  checkpointKeyPair,
  formatCheckpointPass,
  intervalNumber,
  portableBackend,
  RADIO_SALT_BYTES,
  radioCommitment,
  rollingProximityIdKey,
  rollingProximityIds,
  signCheckpointToken,
  splitCheckpointPass,
} from '@bluezone/protocol';
import { createApiKey, createApp, createLogger } from '@bluezone/server';
import { createTestContext, DIALECTS } from '@bluezone/test-support/server';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createRolloutKey } from '../../src/access/access-repository';
import { districtServerFeatures } from '../../src/district-server';
import { rolloutDb } from '../../src/rollout-db';
import { seedUnitsIfEmpty } from '../../src/units/units-repository';

/** Every text form a byte string could be stored or logged in. */
function forms(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  return [b.toString('hex'), b.toString('hex').toUpperCase(), b.toString('base64'), b.toString('base64url')];
}

describe.each(DIALECTS)('what the server keeps of a radio-checked pass on %s', (dialect) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
  });

  it('holds no RPI of the visitor, and no salt, in any table, log line or answer', { timeout: 60_000 }, async () => {
    const logLines: string[] = [];
    const features = districtServerFeatures({});
    const t = await createTestContext(
      dialect,
      {},
      { features, logger: createLogger('debug', (l) => logLines.push(l)) },
    );
    cleanup = t.cleanup;
    const app = createApp(t.ctx, features);
    const db = rolloutDb(t.ctx.database);
    await seedUnitsIfEmpty(db, t.clock);
    const answers: string[] = [];
    const call = async (path: string, body: object | undefined, headers: Record<string, string>) => {
      const res = await app.request(path, {
        method: body ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', ...headers },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const shown: string[] = [];
      res.headers.forEach((value, name) => {
        shown.push(`${name}: ${value}`);
      });
      answers.push(`${res.status} ${shown.join('\n')} ${await res.clone().text()}`);
      return res;
    };

    // The visitor's phone: a TEK of today, the RPI it advertises now, a pass committing to it.
    const tek = randomBytes(16);
    const enin = intervalNumber(t.clock.now() / 1000);
    const firstEnin = enin - (enin % 144);
    const rpis = rollingProximityIds(portableBackend, rollingProximityIdKey(portableBackend, tek), firstEnin, 144);
    const rpi = rpis.slice((enin - firstEnin) * 16, (enin - firstEnin) * 16 + 16);
    const salt = randomBytes(RADIO_SALT_BYTES);
    const key = checkpointKeyPair(randomBytes(32));
    const device = (await createApiKey(t.ctx.database, t.clock, 'device')).key;
    const attested = await call(
      '/api/rollout/attest',
      {
        unitCode: '20164-01',
        installId: 'privacy-install-0001',
        appVersion: '1',
        tracingActive: true,
        checkpointKey: key.publicKey,
      },
      { 'x-api-key': device },
    );
    expect(attested.status).toBe(201);
    const manager = (await createRolloutKey(db, t.clock, { unitCode: '483-UBND', name: 'Bảo vệ' })).key;
    const created = await call(
      '/api/rollout/checkpoints',
      { unitCode: '483-UBND', name: 'Cổng chính' },
      { 'x-api-key': manager },
    );
    const { id } = (await created.json()) as { id: number };
    const paired = await call(
      `/api/rollout/checkpoints/${id}/gate-keys`,
      { label: 'Điện thoại cổng' },
      { 'x-api-key': manager },
    );
    const { gateKey } = (await paired.json()) as { gateKey: string };

    const passText = (nonce: string) =>
      formatCheckpointPass(
        signCheckpointToken(key.secretKey, {
          issuedAt: Math.floor(t.clock.now() / 1000),
          nonce,
          tracingActive: true,
          radioCommitment: radioCommitment({ rpi, salt }),
        }),
        { rpi, salt },
      );
    // The gatekeeper's phone heard the RPI; it sends the token alone, and "heard".
    const text = passText(randomBytes(9).toString('base64url'));
    const { token, radio } = splitCheckpointPass(text);
    expect(radio?.rpi).toEqual(rpi);
    const scanned = await call(
      `/api/rollout/checkpoints/${id}/scan`,
      { token, direction: 'entry', radio: 'heard' },
      { 'x-gate-key': gateKey },
    );
    expect(await scanned.json()).toMatchObject({ result: 'active', radio: 'heard' });
    // A careless client sending the whole pass text is refused, and keeps nothing of it either.
    const whole = await call(
      `/api/rollout/checkpoints/${id}/scan`,
      { token: passText(randomBytes(9).toString('base64url')), direction: 'entry', radio: 'heard' },
      { 'x-gate-key': gateKey },
    );
    expect(whole.status).toBe(400);
    await call(`/api/rollout/checkpoints/${id}/day`, undefined, { 'x-gate-key': gateKey });
    await call('/api/rollout/coverage', undefined, { 'x-api-key': manager });
    // The visitor reports positive later: the TEK is public from now on, and with it all 144 RPIs.

    const dump: string[] = [];
    // This test's own tables: on PostgreSQL, those of the schema its pool uses (other files run beside it).
    const schema =
      dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.ctx.database.db)).rows[0]?.s
        : undefined;
    const tables = (await t.ctx.database.db.introspection.getTables()).filter((x) => x.schema === schema);
    expect(tables.map((x) => x.name)).toContain('rollout_checkpoint_log');
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
        t.ctx.database.db,
      );
      for (const row of rows.rows) {
        for (const value of Object.values(row)) {
          dump.push(value instanceof Uint8Array ? forms(value).join(' ') : String(value));
        }
      }
    }
    const haystacks = { database: dump.join('\n'), logs: logLines.join('\n'), answers: answers.join('\n') };
    expect(haystacks.logs).toContain('request'); // the debug access log did run
    expect(haystacks.database).toContain('privacy-install-0001'); // and the install is there…
    const needles = [...forms(salt)];
    for (let j = 0; j < 144; j++) needles.push(...forms(rpis.subarray(j * 16, j * 16 + 16)));
    needles.push(text.slice(text.indexOf('~') + 1));
    for (const [where, haystack] of Object.entries(haystacks)) {
      for (const needle of needles) expect(haystack.includes(needle), `${where} holds ${needle}`).toBe(false);
    }
  });
});
