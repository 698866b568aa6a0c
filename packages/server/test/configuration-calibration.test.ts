// The EN device calibration list on the key server (configuration/calibration-list.ts): served
// whole to anyone as CSV, compressed for 3G, answered 304 for a phone that already holds it, and
// a missing or malformed EN_CALIBRATION_FILE stops the server naming the file, not a request.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { calibrationListSignedBy, parseCalibrationCsv } from '@bluezone/protocol';
import { configurationApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { createTestContext, type TestContext } from '@bluezone/test-support/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedSigningKeys } from '../src/export/signing-keys';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';

const path = configurationApi.getCalibration.path;
const bundled = readFileSync(
  new URL('../../protocol/en-calibration/en-calibration-2020-06-13.csv', import.meta.url),
  'utf8',
);

describe('GET /api/configuration/calibration', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext('sqlite');
  });
  afterEach(() => t.cleanup());

  it('serves the protocol’s list by default, as CSV the protocol parses, to a request without a key', async () => {
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const text = await res.text();
    expect(text).toBe(bundled);
    // The file's 9,896 rows (13 model names stand under two OEMs each).
    expect(parseCalibrationCsv(text).entries).toHaveLength(9896);
    // Signed by the export keys phones trust, as a calibration list.
    const keys = (await publishedSigningKeys(t.ctx)).map((k) => ({ pem: k.publicKeyPem, keyId: k.keyId }));
    const signatures = JSON.parse(res.headers.get(configurationApi.CALIBRATION_SIGNATURES_HEADER) ?? 'null');
    expect(calibrationListSignedBy(nodeBackend, text, signatures, keys)).toBe(true);
    expect(calibrationListSignedBy(nodeBackend, `${text}\n`, signatures, keys)).toBe(false);
  });

  it('answers a phone that holds this list with 304 and no body, and one that holds another with the list', async () => {
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const etag = (await app.request(path)).headers.get('etag') as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const again = await app.request(path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await app.request(path, { headers: { 'if-none-match': 'W/"an-older-list"' } });
    expect(other.status).toBe(200);
    expect(await other.text()).toBe(bundled);
  });

  it('goes Brotli-compressed to a phone that accepts it, a fifth of the size or less', async () => {
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    const res = await app.request(path, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    const body = Buffer.from(await res.arrayBuffer());
    expect(brotliDecompressSync(body).toString('utf8')).toBe(bundled);
    expect(body.length).toBeLessThan(bundled.length / 5);
    // Its ETag is the compressed list's: the phone that sends it back gets a 304.
    const etag = res.headers.get('etag') as string;
    expect(etag).toMatch(/-br"$/);
    const again = await app.request(path, { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the file EN_CALIBRATION_FILE names instead', async () => {
    const file = join(t.config.dataDir, 'newer-list.csv');
    const newer = `${bundled.split('\n')[0]}\nGoogle,Pixel 9,1,-30,yes\n`;
    writeFileSync(file, newer);
    const app = createApp({ ...t.ctx, config: { ...t.config, enCalibrationFile: file } }, KEY_SERVER_FEATURES);
    expect(await (await app.request(path)).text()).toBe(newer);
  });

  it('stops the server when the file is missing or malformed, naming EN_CALIBRATION_FILE and what is wrong', async () => {
    const missing = join(t.config.dataDir, 'no-such-list.csv');
    expect(() =>
      createApp({ ...t.ctx, config: { ...t.config, enCalibrationFile: missing } }, KEY_SERVER_FEATURES),
    ).toThrow(/EN_CALIBRATION_FILE .*no-such-list\.csv: ENOENT/);
    const malformed = join(t.config.dataDir, 'malformed.csv');
    writeFileSync(malformed, `${bundled.split('\n')[0]}\nGoogle,Pixel 4,five,-28,yes\n`);
    expect(() =>
      createApp({ ...t.ctx, config: { ...t.config, enCalibrationFile: malformed } }, KEY_SERVER_FEATURES),
    ).toThrow(/EN_CALIBRATION_FILE .*malformed\.csv: calibration CSV line 2: rssi correction must be an integer dB/);
  });
});
