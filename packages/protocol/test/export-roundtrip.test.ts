// Export files we write: create → read → verify on both backends, with a pinned digest of
// export.bin (style practice 7) so any change to the bytes phones parse is deliberate.
import { generateKeyPairSync } from 'node:crypto';
import {
  createExportZip,
  type DiagnosisKey,
  decodeExportBin,
  type ExportBatch,
  encodeExportBin,
  fromHex,
  ProtocolError,
  ReportType,
  readExportZip,
  SIGNATURE_ALGORITHM_P256_SHA256,
  signatureInfoOf,
  sortByKeyData,
  sortUniqueByKeyData,
  splitExportBatch,
  toHex,
  verifyExportSignature,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { create, toBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPORT_HEADER_BYTES } from '../src/export/export-header';
import { TemporaryExposureKeyExportSchema, TemporaryExposureKeySchema } from '../src/gen/export_pb';
import { BACKENDS } from './backends';

function p256KeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

const key = (hex: string, rollingStartIntervalNumber: number, extra: Partial<DiagnosisKey> = {}): DiagnosisKey => ({
  keyData: fromHex(hex),
  rollingStartIntervalNumber,
  rollingPeriod: 144,
  transmissionRiskLevel: 0,
  reportType: ReportType.ConfirmedTest,
  ...extra,
});

// Fixed input: keys deliberately out of byte order, negative and positive days since onset.
const FIXED_BATCH: ExportBatch = {
  startTimestamp: 1_700_000_000,
  endTimestamp: 1_700_086_400,
  region: '452',
  batchNum: 2,
  batchSize: 3,
  keys: [
    key('ff000000000000000000000000000001', 2_833_200, { daysSinceOnsetOfSymptoms: -5, transmissionRiskLevel: 4 }),
    key('00000000000000000000000000000002', 2_833_344, { rollingPeriod: 72 }),
    key('80808080808080808080808080808080', 2_833_056, {
      daysSinceOnsetOfSymptoms: 14,
      reportType: ReportType.ConfirmedClinicalDiagnosis,
    }),
    key('00000000000000000000000000000001', 2_833_200, { daysSinceOnsetOfSymptoms: -14 }),
  ],
  revisedKeys: [key('7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f', 2_833_056, { reportType: ReportType.Revoked })],
};
const FIXED_INFO = {
  verificationKeyVersion: 'v1',
  verificationKeyId: '452',
  signatureAlgorithm: SIGNATURE_ALGORITHM_P256_SHA256,
};

describe('export.bin encoding', () => {
  it('has a pinned SHA-256 for a fixed batch', () => {
    const bin = encodeExportBin(FIXED_BATCH, [FIXED_INFO]);
    expect(toHex(bin.subarray(0, 16))).toBe(toHex(EXPORT_HEADER_BYTES));
    expect(toHex(nodeBackend.sha256(bin))).toBe('6f9709e1b00ebea8bfba4a392936795fa298ce367bbd4b67b0f400a4c107842f');
  });

  it('round-trips every field, with keys sorted by key bytes', () => {
    const decoded = decodeExportBin(encodeExportBin(FIXED_BATCH, [FIXED_INFO]));
    const hexes = (keys: DiagnosisKey[] | undefined) => (keys ?? []).map((k) => toHex(k.keyData));
    expect(hexes(decoded.keys)).toEqual([
      '00000000000000000000000000000001',
      '00000000000000000000000000000002',
      '80808080808080808080808080808080',
      'ff000000000000000000000000000001',
    ]);
    expect(decoded).toEqual({
      ...FIXED_BATCH,
      signatureInfos: [FIXED_INFO],
      keys: [...FIXED_BATCH.keys]
        .sort((a, b) => toHex(a.keyData).localeCompare(toHex(b.keyData)))
        .map((k) => ({ ...k, daysSinceOnsetOfSymptoms: k.daysSinceOnsetOfSymptoms })),
      revisedKeys: FIXED_BATCH.revisedKeys?.map((k) => ({ ...k, daysSinceOnsetOfSymptoms: undefined })),
    });
    expect(decoded.keys.map((k) => k.daysSinceOnsetOfSymptoms)).toEqual([-14, undefined, 14, -5]);
  });

  it('does not reorder the caller’s array', () => {
    const before = FIXED_BATCH.keys.map((k) => toHex(k.keyData));
    encodeExportBin(FIXED_BATCH, [FIXED_INFO]);
    expect(FIXED_BATCH.keys.map((k) => toHex(k.keyData))).toEqual(before);
  });

  it('sorts many random keys exactly as a byte-wise comparison does', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => {
      const k = key('00000000000000000000000000000000', 2_833_200);
      k.keyData = nodeBackend.randomBytes(16);
      // Shared prefixes exercise the later words of the comparator.
      if (i % 3 === 0) k.keyData.fill(7, 0, 12);
      return k;
    });
    const decoded = decodeExportBin(encodeExportBin({ ...FIXED_BATCH, keys, revisedKeys: undefined }, []));
    const expected = keys
      .map((k) => Buffer.from(k.keyData))
      .sort(Buffer.compare)
      .map((b) => b.toString('hex'));
    expect(decoded.keys.map((k) => toHex(k.keyData))).toEqual(expected);
  });

  it('sortByKeyData orders any keys (any lengths, shared prefixes) as Buffer.compare does', () => {
    // Small alphabets make shared 4-byte prefixes and equal keys common.
    const keyData = fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ maxLength: 8, max: 2 }));
    fc.assert(
      fc.property(fc.array(keyData, { maxLength: 300 }), (datas) => {
        const keys = datas.map((d, i) => ({ keyData: d, i }));
        const expected = [...keys]
          .sort((a, b) => Buffer.compare(a.keyData, b.keyData) || 0)
          .map((k) => toHex(k.keyData));
        const sorted = sortByKeyData(keys);
        expect(sorted.map((k) => toHex(k.keyData))).toEqual(expected);
        expect(new Set(sorted.map((k) => k.i)).size).toBe(keys.length);
      }),
    );
  });

  it('sortUniqueByKeyData is a plain sort then dedup: same order, same objects, the earliest of equal keys kept', () => {
    // The plain reference: a stable sort by bytes, then each key dropped if equal to the one kept before it.
    const reference = <K extends { keyData: Uint8Array }>(keys: readonly K[]) =>
      [...keys]
        .sort((a, b) => Buffer.compare(a.keyData, b.keyData))
        .filter((k, i, all) => i === 0 || Buffer.compare((all[i - 1] as K).keyData, k.keyData) !== 0);
    // Keys drawn from a small pool (copied, so equal bytes are distinct objects, as two stored
    // rows are), 16-byte keys on a few shared 4-byte prefixes, and short keys of 0..2.
    const prefixed = fc
      .tuple(fc.constantFrom(0, 1, 0xffffffff), fc.uint8Array({ minLength: 12, maxLength: 12, max: 3 }))
      .map(([word, tail]) => {
        const k = new Uint8Array(16);
        new DataView(k.buffer).setUint32(0, word);
        k.set(tail, 4);
        return k;
      });
    const keyData = fc.oneof(prefixed, fc.uint8Array({ maxLength: 6, max: 2 }), fc.uint8Array({ maxLength: 20 }));
    const input = fc
      .tuple(fc.array(keyData, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 300 }))
      .map(([pool, picks]) =>
        picks.map((p, i) => ({ keyData: new Uint8Array(pool[p % pool.length] as Uint8Array), i })),
      );
    fc.assert(
      fc.property(input, (keys) => {
        const expected = reference(keys);
        const unique = sortUniqueByKeyData(keys);
        expect(unique.map((k) => k.i)).toEqual(expected.map((k) => k.i));
        expect(unique.every((k, i) => k === expected[i])).toBe(true);
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it('sortUniqueByKeyData reads each key’s bytes once when no two keys share their first four bytes', () => {
    // Repeats can only share a first word, so comparing any other neighbours is wasted work:
    // at 1,000,000 keys that was 0.4 s of CPU on top of a 0.2 s sort.
    let reads = 0;
    const keys = Array.from({ length: 1000 }, (_, i) => {
      const bytes = new Uint8Array(16).fill(i % 251);
      new DataView(bytes.buffer).setUint32(0, (i * 2_654_435_761) >>> 0);
      return {
        get keyData() {
          reads++;
          return bytes;
        },
      };
    });
    const unique = sortUniqueByKeyData(keys);
    expect(unique).toHaveLength(1000);
    expect(reads).toBe(1000);
  });

  it('decodes an absent rolling_period as the proto2 default 144 and absent report_type as UNKNOWN', () => {
    const message = create(TemporaryExposureKeyExportSchema, {
      startTimestamp: 1n,
      endTimestamp: 2n,
      region: 'VN',
      batchNum: 1,
      batchSize: 1,
      keys: [
        create(TemporaryExposureKeySchema, { keyData: new Uint8Array(16), rollingStartIntervalNumber: 2_833_200 }),
      ],
    });
    const body = toBinary(TemporaryExposureKeyExportSchema, message);
    // Field 4 (rolling_period) must really be absent from the wire bytes: tag 0x20.
    expect(toHex(body)).not.toContain('2090');
    const bin = new Uint8Array([...EXPORT_HEADER_BYTES, ...body]);
    const [k] = decodeExportBin(bin).keys;
    expect(k?.rollingPeriod).toBe(144);
    expect(k?.reportType).toBe(ReportType.Unknown);
    expect(k?.transmissionRiskLevel).toBe(0);
    expect(k?.daysSinceOnsetOfSymptoms).toBeUndefined();
  });

  it('writes days_since_onset as sint32 (zigzag): -1 is 0x01, 1 is 0x02', () => {
    const one = (d: number) =>
      toHex(
        encodeExportBin(
          { ...FIXED_BATCH, keys: [key('00'.repeat(16), 1, { daysSinceOnsetOfSymptoms: d })], revisedKeys: undefined },
          [],
        ),
      );
    // Field 6, varint: tag 0x30, then the zigzag value.
    expect(one(-1)).toMatch(/3001$/);
    expect(one(1)).toMatch(/3002$/);
    expect(one(-14)).toMatch(/301b$/);
  });

  it('rejects invalid batches with invalid_export naming the field', () => {
    const bad: [Partial<ExportBatch>, RegExp][] = [
      [{ startTimestamp: -1 }, /startTimestamp/],
      [{ startTimestamp: 10, endTimestamp: 5 }, /after endTimestamp/],
      [{ batchNum: 4 }, /batchNum must be 1\.\.3/],
      [{ batchSize: 0 }, /batchSize/],
      [{ keys: [key('00', 1)] }, /keys\[0\]\.keyData must be 16 bytes/],
      [{ keys: [key('00'.repeat(16), 1, { transmissionRiskLevel: 9 })] }, /keys\[0\]\.transmissionRiskLevel/],
      [
        { revisedKeys: [key('00'.repeat(16), 1, { daysSinceOnsetOfSymptoms: -15 })] },
        /revisedKeys\[0\]\.daysSinceOnset/,
      ],
      [{ keys: [key('00'.repeat(16), 2 ** 31)] }, /exceeds int32/],
    ];
    for (const [change, message] of bad) {
      let caught: unknown;
      try {
        encodeExportBin({ ...FIXED_BATCH, ...change }, []);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ProtocolError);
      expect((caught as ProtocolError).code).toBe('invalid_export');
      expect((caught as ProtocolError).message).toMatch(message);
    }
  });
});

describe('splitExportBatch', () => {
  const keys = Array.from({ length: 7 }, (_, i) =>
    key(`${i.toString(16).padStart(2, '0')}${'00'.repeat(15)}`, 2_833_200),
  );
  const revisedKeys = [key('ff'.repeat(16), 2_833_200, { reportType: ReportType.Revoked })];

  it('cuts keys then revised keys into numbered files of at most the cap', () => {
    const files = splitExportBatch({ ...FIXED_BATCH, keys, revisedKeys }, 3);
    expect(files.map((f) => [f.batchNum, f.batchSize, f.keys.length, f.revisedKeys?.length ?? 0])).toEqual([
      [1, 3, 3, 0],
      [2, 3, 3, 0],
      [3, 3, 1, 1],
    ]);
    expect(files.flatMap((f) => [...f.keys, ...(f.revisedKeys ?? [])])).toEqual([...keys, ...revisedKeys]);
    for (const f of files) expect(f.region).toBe(FIXED_BATCH.region);
  });

  it('keeps one (possibly empty) file and refuses a cap below 1', () => {
    expect(splitExportBatch({ ...FIXED_BATCH, keys: [], revisedKeys: undefined }, 10)).toEqual([
      { ...FIXED_BATCH, keys: [], revisedKeys: undefined, batchNum: 1, batchSize: 1 },
    ]);
    expect(() => splitExportBatch(FIXED_BATCH, 0)).toThrow(ProtocolError);
  });
});

describe('export zip', () => {
  const signer = { keyId: '452', keyVersion: 'v1', ...p256KeyPair() };
  const other = p256KeyPair();

  for (const backend of BACKENDS) {
    describe(`${backend.name} backend`, () => {
      it('create → read → verify, and the other backend verifies too', () => {
        const zip = createExportZip(backend, FIXED_BATCH, [signer]);
        const parsed = readExportZip(zip);
        expect(toHex(parsed.exportBin)).toBe(toHex(encodeExportBin(FIXED_BATCH, [signatureInfoOf(signer)])));
        expect(parsed.signatures).toHaveLength(1);
        expect(parsed.signatures[0]?.signatureInfo).toEqual(FIXED_INFO);
        expect(parsed.signatures[0]?.batchNum).toBe(2);
        expect(parsed.signatures[0]?.batchSize).toBe(3);
        for (const verifier of BACKENDS) {
          expect(verifyExportSignature(verifier, parsed, signer.publicKeyPem)).toBe(true);
          expect(verifyExportSignature(verifier, parsed, signer.publicKeyPem, '452')).toBe(true);
          expect(verifyExportSignature(verifier, parsed, other.publicKeyPem)).toBe(false);
        }
      });

      it('rejects a tampered export.bin and a tampered export.sig', () => {
        const parsed = readExportZip(createExportZip(backend, FIXED_BATCH, [signer]));
        const exportBin = parsed.exportBin.slice();
        exportBin[exportBin.length - 1] = (exportBin[exportBin.length - 1] as number) ^ 1;
        expect(verifyExportSignature(backend, { ...parsed, exportBin }, signer.publicKeyPem)).toBe(false);
        const [s] = parsed.signatures;
        if (!s) throw new Error('no signature');
        const signature = s.signature.slice();
        signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 1;
        expect(
          verifyExportSignature(backend, { ...parsed, signatures: [{ ...s, signature }] }, signer.publicKeyPem),
        ).toBe(false);
        // A valid signature for another file number of the same batch does not count.
        expect(
          verifyExportSignature(backend, { ...parsed, signatures: [{ ...s, batchNum: 1 }] }, signer.publicKeyPem),
        ).toBe(false);
      });

      it('signs with several keys; each verifies by its key id', () => {
        const second = { keyId: 'backup', keyVersion: 'v2', ...other };
        const parsed = readExportZip(createExportZip(backend, FIXED_BATCH, [signer, second]));
        expect(parsed.signatureInfos.map((i) => i.verificationKeyId)).toEqual(['452', 'backup']);
        expect(verifyExportSignature(backend, parsed, other.publicKeyPem, 'backup')).toBe(true);
        expect(verifyExportSignature(backend, parsed, other.publicKeyPem, '452')).toBe(false);
      });
    });
  }

  it('requires exactly export.bin and export.sig', () => {
    const files = unzipSync(createExportZip(nodeBackend, FIXED_BATCH, [signer]));
    const bin = files['export.bin'] as Uint8Array;
    const sig = files['export.sig'] as Uint8Array;
    const cases: [Record<string, Uint8Array>, RegExp][] = [
      [{ 'export.bin': bin }, /must contain export.bin and export.sig/],
      [{ 'export.sig': sig }, /must contain/],
      [{ 'export.bin': bin, 'export.sig': sig, 'extra.txt': new Uint8Array(1) }, /unexpected entry "extra.txt"/],
      [{ 'dir/export.bin': bin, 'export.sig': sig }, /unexpected entry/],
      [{}, /must contain/],
    ];
    for (const [entries, message] of cases) expect(() => readExportZip(zipSync(entries))).toThrow(message);
  });

  it('refuses an entry whose declared size is over the cap, before inflating it', () => {
    // 70 MiB of zeros deflates to ~70 KB: a zip bomb in miniature.
    const zip = zipSync(
      { 'export.bin': new Uint8Array(70 * 1024 * 1024), 'export.sig': new Uint8Array(0) },
      { level: 1 },
    );
    expect(zip.length).toBeLessThan(1024 * 1024);
    expect(() => readExportZip(zip)).toThrow(/export.bin declares 73400320 bytes, over the 67108864 limit/);
  });

  it('detects entries whose inflated size differs from the declared one', () => {
    const zip = createExportZip(nodeBackend, FIXED_BATCH, [signer]);
    const declaredSize = (z: Uint8Array, size: number) => {
      const copy = z.slice();
      // The uncompressed size sits at offset 24 of the first central directory header (export.bin).
      new DataView(copy.buffer).setUint32(findSignature(copy, 0x02014b50) + 24, size, true);
      return copy;
    };
    const binLength = readExportZip(zip).exportBin.length;
    expect(() => readExportZip(declaredSize(zip, binLength + 100))).toThrow(/export.bin is truncated or damaged/);
    // Declared shorter: inflation stops at the declared size, so the protobuf is cut short.
    expect(() => readExportZip(declaredSize(zip, binLength - 10))).toThrow(
      expect.objectContaining({ name: 'ProtocolError', code: 'invalid_export' }),
    );
  });
});

function findSignature(bytes: Uint8Array, signature: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === signature) return i;
  throw new Error('signature not found');
}
