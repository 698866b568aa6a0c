// `bluezone export create/inspect`, run in-process through main() with captured output, on
// Google's real sample export and on archives made from freshly generated P-256 keys.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli';

const SAMPLE_DIR = fileURLToPath(new URL('../../protocol/testdata/gaen-export-sample/', import.meta.url));
const SAMPLE_ZIP = join(SAMPLE_DIR, 'testExport-2-records-1-of-1.zip');
const SAMPLE_PEM = join(SAMPLE_DIR, 'public.pem');

let dir: string;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runCli(dir, argv);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const KEYS = [
  {
    keyData: 'ff0102030405060708090a0b0c0d0e0f',
    rollingStartIntervalNumber: 2833200,
    rollingPeriod: 144,
    transmissionRiskLevel: 4,
    reportType: 1,
    daysSinceOnsetOfSymptoms: -3,
  },
  {
    keyData: '000102030405060708090a0b0c0d0e0f',
    rollingStartIntervalNumber: 2833344,
    rollingPeriod: 100,
    transmissionRiskLevel: 0,
    reportType: 2,
  },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bluezone-export-'));
  for (const name of ['signer', 'other']) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(join(dir, `${name}-private.pem`), privateKey);
    writeFileSync(join(dir, `${name}-public.pem`), publicKey);
  }
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(KEYS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CREATE = [
  'export',
  'create',
  '--keys',
  'keys.json',
  '--private-key',
  'signer-private.pem',
  '--key-id',
  '452',
  '--key-version',
  'v1',
  '--region',
  'VN',
];

describe('bluezone export inspect on Google’s sample', () => {
  it('prints every field and signatureValid true with public.pem', async () => {
    const r = await run('export', 'inspect', SAMPLE_ZIP, '--public-key', SAMPLE_PEM);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      startTimestamp: 1590159600,
      endTimestamp: 1590246000,
      region: 'US',
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [
        { verificationKeyVersion: '1', verificationKeyId: 'some_id', signatureAlgorithm: '1.2.840.10045.4.3.2' },
      ],
      keys: [
        {
          keyData: '172fc480e598490c34177604339b1543',
          rollingStartIntervalNumber: 2649980,
          rollingPeriod: 1,
          transmissionRiskLevel: 8,
          reportType: 0,
        },
        {
          keyData: '2b63053ac483238de176169e861f3dcd',
          rollingStartIntervalNumber: 2649866,
          rollingPeriod: 114,
          transmissionRiskLevel: 1,
          reportType: 0,
        },
      ],
      signatureValid: true,
    });
  });

  it('prints signatureValid null without --public-key', async () => {
    const r = await run('export', 'inspect', SAMPLE_ZIP);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.signatureValid).toBeNull();
    expect(json.keys).toHaveLength(2);
  });

  it('prints the JSON, then fails, when the signature does not verify with the given key', async () => {
    const r = await run('export', 'inspect', SAMPLE_ZIP, '--public-key', 'other-public.pem');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).signatureValid).toBe(false);
    expect(r.stderr).toMatch(/^bluezone export inspect: .*no signature verifies with other-public\.pem$/);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  it('prints nothing and one stderr line for a truncated file', async () => {
    const bytes = readFileSync(SAMPLE_ZIP);
    for (const length of [0, 30, bytes.length - 1]) {
      writeFileSync(join(dir, 'truncated.zip'), bytes.subarray(0, length));
      const r = await run('export', 'inspect', 'truncated.zip', '--public-key', SAMPLE_PEM);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^bluezone export inspect: truncated\.zip: .+$/);
    }
  });

  it('fails with one line for a missing file and a bad public key', async () => {
    const missing = await run('export', 'inspect', 'nope.zip');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read export file .*nope\.zip: ENOENT/);
    writeFileSync(join(dir, 'bad.pem'), 'not a key');
    const badKey = await run('export', 'inspect', SAMPLE_ZIP, '--public-key', 'bad.pem');
    expect(badKey.code).toBe(1);
    expect(badKey.stdout).toBe('');
    expect(badKey.stderr).toMatch(/^bluezone export inspect: --public-key bad\.pem: /);
  });

  it('runs as a real process through bin/bluezone.js with the exit code', async () => {
    const bin = fileURLToPath(new URL('../bin/bluezone.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'export',
      'inspect',
      SAMPLE_ZIP,
      '--public-key',
      SAMPLE_PEM,
    ]);
    expect(JSON.parse(stdout).signatureValid).toBe(true);
    const failed = await promisify(execFile)(process.execPath, [bin, 'export', 'inspect', SAMPLE_PEM]).catch(
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect((failed as { stderr: string }).stderr).toMatch(/invalid|zip/);
  });
});

describe('bluezone export create → inspect', () => {
  it('creates a signed zip whose inspection gives back the keys, sorted, and the batch defaults', async () => {
    const created = await run(...CREATE, '--out', 'out.zip');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ keys: 2, out: join(dir, 'out.zip') });
    const r = await run('export', 'inspect', 'out.zip', '--public-key', 'signer-public.pem', '--key-id', '452');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      // Defaults: the keys' window, from the first start to the last end, in seconds; batch 1 of 1.
      startTimestamp: 2833200 * 600,
      endTimestamp: (2833344 + 100) * 600,
      region: 'VN',
      batchNum: 1,
      batchSize: 1,
      signatureInfos: [
        { verificationKeyVersion: 'v1', verificationKeyId: '452', signatureAlgorithm: '1.2.840.10045.4.3.2' },
      ],
      keys: [KEYS[1], KEYS[0]],
      signatureValid: true,
    });
  });

  it('honours --start/--end and --batch-num/--batch-size', async () => {
    const created = await run(
      ...CREATE,
      '--out',
      'batch.zip',
      '--start',
      '1700000000',
      '--end',
      '1700003600',
      '--batch-num',
      '2',
      '--batch-size',
      '3',
    );
    expect(created.code).toBe(0);
    const json = JSON.parse((await run('export', 'inspect', 'batch.zip')).stdout);
    expect(json).toMatchObject({ startTimestamp: 1700000000, endTimestamp: 1700003600, batchNum: 2, batchSize: 3 });
  });

  it('an archive made by the command fails with another key or another key id', async () => {
    await run(...CREATE, '--out', 'tamper.zip');
    const other = await run('export', 'inspect', 'tamper.zip', '--public-key', 'other-public.pem');
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout).signatureValid).toBe(false);
    const wrongId = await run('export', 'inspect', 'tamper.zip', '--public-key', 'signer-public.pem', '--key-id', 'x');
    expect(wrongId.code).toBe(1);
    expect(wrongId.stderr).toMatch(/for key id "x"/);
  });

  it('rejects a bad KEYS.json with one line naming the entry index and field', async () => {
    const cases: [unknown, RegExp][] = [
      [
        [KEYS[0], { ...KEYS[1], transmissionRiskLevel: 9 }],
        /bad\.json\[1\]\.transmissionRiskLevel must be 0\.\.8, got 9/,
      ],
      [[{ ...KEYS[0], keyData: 'abcd' }], /bad\.json\[0\]\.keyData must be 16 bytes, got 2/],
      [
        [{ ...KEYS[0], keyData: 'zz'.repeat(16) }],
        /bad\.json\[0\]\.keyData contains a character that is not a hex digit/,
      ],
      [[KEYS[0], KEYS[1], { keyData: KEYS[0]?.keyData }], /bad\.json\[2\]\.rollingStartIntervalNumber is required/],
      [[{ ...KEYS[0], rollingPeriod: '144' }], /bad\.json\[0\]\.rollingPeriod must be an integer, got "144"/],
      [[{ ...KEYS[0], daysSinceOnsetOfSymptoms: 15 }], /bad\.json\[0\]\.daysSinceOnsetOfSymptoms must be -14\.\.14/],
      [[{ ...KEYS[0], keydata: 'x' }], /bad\.json\[0\] has an unknown field "keydata"/],
      [[null], /bad\.json\[0\] must be an object/],
      [{ keys: [] }, /bad\.json must be a JSON array/],
    ];
    for (const [content, message] of cases) {
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(content));
      const r = await run(...CREATE.map((a) => (a === 'keys.json' ? 'bad.json' : a)), '--out', 'bad.zip');
      expect(r.code, String(message)).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
    writeFileSync(join(dir, 'bad.json'), '[{"keyData": ');
    expect((await run(...CREATE.map((a) => (a === 'keys.json' ? 'bad.json' : a)), '--out', 'bad.zip')).stderr).toMatch(
      /bad\.json is not valid JSON/,
    );
  });

  it('rejects bad options with usage errors (exit 2) and a bad private key (exit 1)', async () => {
    expect((await run(...CREATE)).code).toBe(2);
    const badBatch = await run(...CREATE, '--out', 'x.zip', '--batch-num', '3', '--batch-size', '2');
    expect(badBatch.code).toBe(1);
    expect(badBatch.stderr).toMatch(/batchNum must be 1\.\.2, got 3/);
    const badVersion = await run(...CREATE.map((a) => (a === 'v1' ? 'v 1' : a)), '--out', 'x.zip');
    expect(badVersion.stderr).toMatch(/keyVersion must match/);
    const badKey = await run(
      ...CREATE.map((a) => (a === 'signer-private.pem' ? 'signer-public.pem' : a)),
      '--out',
      'x.zip',
    );
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/private key/);
    writeFileSync(join(dir, 'empty.json'), '[]');
    const empty = await run(...CREATE.map((a) => (a === 'keys.json' ? 'empty.json' : a)), '--out', 'x.zip');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/missing --start/);
  });
});

describe('bluezone bench export', () => {
  it('exports, splits and verifies, reporting its baseline and ratio', async () => {
    const r = await run('bench', 'export', '--keys', '2000', '--max-per-file', '600', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ keys: 2000, files: 4 });
    expect(result.baselineSeconds).toBeGreaterThan(0);
    expect(result.ratio).toBeGreaterThan(0);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining(['seconds', 'sortSeconds', 'encodeSeconds', 'readVerifySeconds', 'withinBudget']),
    );
  });
});
