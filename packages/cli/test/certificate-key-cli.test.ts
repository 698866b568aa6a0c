// `bluezone certificate-key rotate` on an embedded SQLite data directory, through main(): the
// next kid is registered for our own health authority with the old one's end after the
// overlap, and after `authority revoke-key … v1` a rotation gives the server a key it signs and
// publishes with again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exposureKeyHmac, toBase64 } from '@bluezone/protocol';
import { keyServerApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { CERTIFICATE_KEY_OVERLAP_MS, createApiKey, systemClock } from '@bluezone/server';
import { endpointCaller } from '@bluezone/test-support/server';
import { decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentPublishKeys, withDataDirServer } from './support/data-dir-server';
import { runCli } from './support/run-cli';

let dir: string;

const run = (...argv: string[]) => runCli(dir, argv);

interface ListedKey {
  kid: string;
  validFrom: string;
  validThru: string | null;
  status: string;
}

async function ownKeys(): Promise<ListedKey[]> {
  const list = await run('authority', 'list');
  expect(list.code).toBe(0);
  const own = list.stdout.map((l) => JSON.parse(l)).find((a) => a.id === 'vn.bluezone');
  return own.keys;
}

/** Code → token → certificate → publish on a server opened on the data directory; the certificate's kid and the publish status. */
async function certifyAndPublish(): Promise<[unknown, number]> {
  return withDataDirServer(dir, async (ctx, app) => {
    const call = endpointCaller('http://bluezone.test', async (url, init) => app.request(url, init));
    const admin = await createApiKey(ctx.database, systemClock, 'admin', 'default');
    const device = await createApiKey(ctx.database, systemClock, 'device', 'default');
    const issued = await call(keyServerApi.issue, { testType: 'confirmed' }, { apiKey: admin.key });
    const verified = await call(keyServerApi.verify, { code: issued.body.code }, { apiKey: device.key });
    const keys = recentPublishKeys();
    const hmacKey = randomBytes(32);
    const cert = await call(
      keyServerApi.certificate,
      { token: verified.body.token, ekeyhmac: exposureKeyHmac(nodeBackend, keys, hmacKey) },
      { apiKey: device.key },
    );
    expect(cert.status).toBe(200);
    const published = await call(keyServerApi.publish, {
      temporaryExposureKeys: keys,
      healthAuthorityID: 'vn.bluezone',
      verificationPayload: cert.body.certificate,
      hmacKey: toBase64(hmacKey),
    });
    return [decodeProtectedHeader(cert.body.certificate).kid, published.status];
  });
}

describe('bluezone certificate-key rotate', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bz-cli-certificate-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the next kid and ends the previous key after the overlap', async () => {
    const before = Date.now();
    const first = await run('certificate-key', 'rotate');
    expect(first.code).toBe(0);
    expect(first.stdout.at(-1)).toBe('v2');
    expect(first.stderr.join('\n')).toContain('v1 stay valid until');
    const keys = await ownKeys();
    expect(keys.map((k) => [k.kid, k.status])).toEqual([
      ['v1', 'valid'],
      ['v2', 'valid'],
    ]);
    const v1Thru = Date.parse(keys[0]?.validThru ?? '');
    expect(v1Thru).toBeGreaterThanOrEqual(before + CERTIFICATE_KEY_OVERLAP_MS);
    expect(v1Thru).toBeLessThanOrEqual(Date.now() + CERTIFICATE_KEY_OVERLAP_MS);
    expect(keys[1]?.validThru).toBeNull();

    const second = await run('certificate-key', 'rotate');
    expect([second.code, second.stdout.at(-1)]).toEqual([0, 'v3']);
    expect(second.stderr.join('\n')).toContain('v1, v2 stay valid until');
    expect((await ownKeys()).map((k) => k.kid)).toEqual(['v1', 'v2', 'v3']);
  });

  it('replaces a revoked key: the server signs with the new kid and publishes again', async () => {
    const revoked = await run('authority', 'revoke-key', '--id', 'vn.bluezone', '--kid', 'v1');
    expect(revoked.code).toBe(0);
    const rotated = await run('certificate-key', 'rotate');
    expect([rotated.code, rotated.stdout.at(-1)]).toEqual([0, 'v2']);
    expect(await certifyAndPublish()).toEqual(['v2', 200]);
  });

  it('refuses bad input with one line and a non-zero exit', async () => {
    const bad = await run('certificate-key', 'rotate', '--kid', 'v9');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toHaveLength(1);
    expect(bad.stdout).toEqual([]);
  });
});
