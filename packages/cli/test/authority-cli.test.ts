// `bluezone authority add|list|add-key|revoke-key` on an embedded SQLite data directory, through
// main(); the server opened on the same directory then accepts, and after the revocation refuses,
// a certificate from the external verification server the commands registered.
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposureKeyHmac, toBase64 } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentPublishKeys, withDataDirServer } from './support/data-dir-server';
import { runCli } from './support/run-cli';

let dir: string;

const run = (...argv: string[]) => runCli(dir, argv);

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ES256 certificate as Google's verification server signs it, built with node:crypto alone. */
function certificate(privateKey: KeyObject, kid: string, tekmac: string): string {
  const now = Math.floor(Date.now() / 1000);
  const signingInput = `${b64url({ alg: 'ES256', typ: 'JWT', kid })}.${b64url({
    iss: 'gov.example',
    aud: 'bluezone-ext',
    jti: randomUUID(),
    iat: now,
    exp: now + 600,
    reportType: 'confirmed',
    tekmac,
  })}`;
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Publishes 2 fresh keys with a certificate signed by `privateKey` under `kid`; returns the status and code. */
async function publish(privateKey: KeyObject, kid: string): Promise<[number, string | undefined]> {
  return withDataDirServer(dir, async (_ctx, app) => {
    const keys = recentPublishKeys();
    const hmacKey = randomBytes(32);
    const res = await app.request('/v1/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        temporaryExposureKeys: keys,
        healthAuthorityID: 'gov.example.app',
        verificationPayload: certificate(privateKey, kid, exposureKeyHmac(nodeBackend, keys, hmacKey)),
        hmacKey: toBase64(hmacKey),
      }),
    });
    const body = await res.json();
    return [res.status, body.code];
  });
}

describe('bluezone authority', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bz-cli-authority-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds an authority and its key, lists them, and a revoked key stops being accepted', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(dir, 'ext.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const id = ['--id', 'gov.example.app'];
    const added = await run(
      'authority',
      'add',
      ...id,
      '--issuer',
      'gov.example',
      '--audience',
      'bluezone-ext',
      '--name',
      'Example HD',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout.at(-1) ?? '{}')).toMatchObject({ id: 'gov.example.app', issuer: 'gov.example' });
    expect(await publish(privateKey, 'k1')).toEqual([401, 'certificate_invalid']); // no key yet

    const key = await run(
      'authority',
      'add-key',
      ...id,
      '--kid',
      'k1',
      '--public-key',
      'ext.pem',
      '--valid-from',
      '2020-01-01',
    );
    expect(key.code).toBe(0);
    expect(JSON.parse(key.stdout.at(-1) ?? '{}')).toEqual({
      kid: 'k1',
      version: 1,
      validFrom: '2020-01-01T00:00:00.000Z',
      validThru: null,
      status: 'valid',
    });
    expect(await publish(privateKey, 'k1')).toEqual([200, undefined]);

    const list = await run('authority', 'list');
    expect(list.code).toBe(0);
    const listed = list.stdout.map((l) => JSON.parse(l));
    expect(listed.map((a) => [a.id, a.issuer, a.audience, a.keys.map((k: { kid: string }) => k.kid)])).toEqual([
      ['gov.example.app', 'gov.example', 'bluezone-ext', ['k1']],
      // Our own verification server, registered by default.
      ['vn.bluezone', 'bluezone-verification', 'bluezone-keyserver', ['v1']],
    ]);

    const revoked = await run('authority', 'revoke-key', ...id, '--kid', 'k1');
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout.at(-1) ?? '{}').status).toBe('ended');
    expect(await publish(privateKey, 'k1')).toEqual([401, 'certificate_invalid']);
    const after = (await run('authority', 'list')).stdout.map((l) => JSON.parse(l));
    expect(after[0].keys[0].status).toBe('ended');
  });

  it('refuses bad input with one line and a non-zero exit', async () => {
    writeFileSync(
      join(dir, 'rsa.pem'),
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const add = ['authority', 'add', '--id', 'a.b', '--issuer', 'i', '--audience', 'a', '--name', 'n'];
    expect((await run(...add)).code).toBe(0);
    const cases: [string[], number, string][] = [
      [add, 1, 'health authority "a.b" already exists'],
      [['authority', 'add', '--id', 'a b', '--issuer', 'i', '--audience', 'a', '--name', 'n'], 1, 'id must be'],
      [['authority', 'add', '--issuer', 'i'], 2, 'missing --id'],
      [['authority', 'add-key', '--id', 'nobody', '--kid', 'k', '--public-key', 'rsa.pem'], 1, 'P-256'],
      [
        ['authority', 'add-key', '--id', 'a.b', '--kid', 'k', '--public-key', 'missing.pem'],
        1,
        'cannot read missing.pem: ENOENT',
      ],
      [
        ['authority', 'add-key', '--id', 'a.b', '--kid', 'k', '--public-key', 'rsa.pem', '--valid-thru', 'soon'],
        2,
        '--valid-thru must be an ISO 8601',
      ],
      [['authority', 'revoke-key', '--id', 'a.b', '--kid', 'k'], 1, 'has no key "k"'],
      [['authority', 'revoke-key', '--id', 'nobody', '--kid', 'k'], 1, 'no health authority "nobody"'],
    ];
    for (const [argv, code, message] of cases) {
      const res = await run(...argv);
      expect([argv.join(' '), res.code]).toEqual([argv.join(' '), code]);
      expect(res.stderr.join('\n')).toContain(message);
      expect(res.stdout).toEqual([]);
    }
  });
});
