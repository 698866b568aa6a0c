// Property-based tests (fast-check) for every parser of the protocol package: on any input a
// parser returns a value or throws ProtocolError, never another exception type; encoders and
// decoders round-trip. Inputs are random bytes and strings and mutations of valid files.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createExportZip,
  type DiagnosisKey,
  decodeExportBin,
  decodeExportSig,
  decodeMetadata,
  decodeServiceData,
  EXPORT_HEADER_BYTES,
  type ExportBatch,
  type ExportSignature,
  encodeExportBin,
  encodeExportSig,
  encodeMetadata,
  encodeServiceData,
  fromBase64,
  fromHex,
  type ParsedExport,
  ProtocolError,
  p256PrivateKeyFromPem,
  p256PublicKeyFromPem,
  p256PublicKeyToPem,
  parseCalibrationCsv,
  pemToDer,
  readExportZip,
  toBase64,
  toHex,
  verifyExportSignature,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { _decodeExportMessage } from '../src/export/_protobuf';
import {
  SignatureInfoSchema,
  TEKSignatureListSchema,
  TemporaryExposureKeyExportSchema,
  TemporaryExposureKeySchema,
} from '../src/gen/export_pb';
import { BACKENDS } from './backends';

/** Runs `parse`; a ProtocolError is an accepted outcome, any other throw fails the property. */
function parsesOrRejects<T>(parse: () => T): { ok: true; value: T } | { ok: false; error: ProtocolError } {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof ProtocolError) return { ok: false, error: err };
    throw err;
  }
}

const bytes = (maxLength = 512) => fc.uint8Array({ maxLength });
/** Strings over the full Unicode range (well-formed UTF-16). */
const anyString = fc.string({ unit: 'binary', maxLength: 200 });
/** Any UTF-16 code units, unpaired surrogates included. */
const anyUtf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 50,
});

function flipBits(data: Uint8Array, positions: number[]): Uint8Array {
  const out = data.slice();
  for (const p of positions) {
    const i = p % (out.length * 8);
    out[i >> 3] = (out[i >> 3] as number) ^ (1 << (i & 7));
  }
  return out;
}
const bitPositions = fc.array(fc.nat(), { minLength: 1, maxLength: 8 });

describe('bytes: fromHex / toHex', () => {
  it('fromHex returns bytes or throws ProtocolError for any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.stringMatching(/^[0-9a-fA-FxX \n]{0,40}$/)), (s) => {
        const r = parsesOrRejects(() => fromHex(s));
        // Differential check against Node's decoder on the inputs it accepts.
        if (r.ok) expect(Buffer.from(r.value).toString('hex')).toBe(s.toLowerCase());
        else expect(['invalid_hex', 'invalid_argument']).toContain(r.error.code);
      }),
    );
  });

  it('fromHex and fromBase64 reject non-strings with ProtocolError', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        if (typeof v === 'string') return;
        expect(parsesOrRejects(() => fromHex(v as string)).ok).toBe(false);
        expect(parsesOrRejects(() => fromBase64(v as string)).ok).toBe(false);
      }),
    );
  });

  it('round-trips, in either letter case', () => {
    fc.assert(
      fc.property(bytes(), (b) => {
        const hex = toHex(b);
        expect(hex).toBe(Buffer.from(b).toString('hex'));
        expect(fromHex(hex)).toEqual(b);
        expect(fromHex(hex.toUpperCase())).toEqual(b);
      }),
    );
  });
});

describe('bytes: fromBase64 / toBase64', () => {
  it('toBase64 matches Buffer and fromBase64 inverts it', () => {
    fc.assert(
      fc.property(bytes(), (b) => {
        const b64 = toBase64(b);
        expect(b64).toBe(Buffer.from(b).toString('base64'));
        expect(fromBase64(b64)).toEqual(b);
      }),
    );
  });

  it('fromBase64 returns bytes or throws ProtocolError for any string, agreeing with Buffer when it accepts', () => {
    const base64ish = fc.stringMatching(/^[A-Za-z0-9+/=\-_ ]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(anyString, base64ish), (s) => {
        const r = parsesOrRejects(() => fromBase64(s));
        if (r.ok) expect(Buffer.from(r.value)).toEqual(Buffer.from(s, 'base64'));
        else expect(['invalid_base64', 'invalid_argument']).toContain(r.error.code);
      }),
    );
  });
});

describe('BLE: decodeServiceData / decodeMetadata', () => {
  it('decodeServiceData accepts exactly 20 bytes and splits them into RPI and AEM', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(40), fc.uint8Array({ minLength: 20, maxLength: 20 })), (b) => {
        const r = parsesOrRejects(() => decodeServiceData(b));
        expect(r.ok).toBe(b.length === 20);
        if (r.ok) expect(encodeServiceData(r.value)).toEqual(b);
      }),
    );
  });

  it('decodeServiceData and decodeMetadata reject any non-bytes value with ProtocolError', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(parsesOrRejects(() => decodeServiceData(v as Uint8Array)).ok).toBe(false);
        expect(parsesOrRejects(() => decodeMetadata(v as Uint8Array)).ok).toBe(false);
      }),
    );
  });

  it('decodeMetadata accepts exactly 4 bytes; re-encoding keeps every non-reserved bit', () => {
    fc.assert(
      fc.property(fc.oneof(bytes(8), fc.uint8Array({ minLength: 4, maxLength: 4 })), (b) => {
        const r = parsesOrRejects(() => decodeMetadata(b));
        expect(r.ok).toBe(b.length === 4);
        // Bits 1:0 of byte 0 and bytes 2-3 are reserved (GAEN Bluetooth spec v1.2 §Metadata).
        if (r.ok)
          expect(toHex(encodeMetadata(r.value))).toBe(
            toHex(Uint8Array.of((b[0] as number) & 0xfc, b[1] as number, 0, 0)),
          );
      }),
    );
  });

  it('encodeMetadata → decodeMetadata round-trips every valid value', () => {
    const field = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(
        fc.record({
          majorVersion: field,
          minorVersion: field,
          calibrationConfidence: field,
          txPowerDbm: fc.integer({ min: -128, max: 127 }),
        }),
        (m) => {
          expect(decodeMetadata(encodeMetadata(m))).toEqual(m);
        },
      ),
    );
  });
});

describe('P-256 PEM parsers', () => {
  const keys = Array.from({ length: 3 }, () =>
    generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }),
  );
  const sec1 = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const validPems = [...keys.flatMap((k) => [k.privateKey, k.publicKey]), sec1.privateKey];
  const armour = (label: string, der: Uint8Array) =>
    `-----BEGIN ${label}-----\n${toBase64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
  const label = fc.constantFrom('PUBLIC KEY', 'PRIVATE KEY', 'EC PRIVATE KEY');
  // Valid keys' DER with bits flipped, truncated or extended, re-armoured: reaches the DER checks.
  const mutatedPem = fc
    .tuple(fc.constantFrom(...validPems), bitPositions, fc.nat(), fc.boolean())
    .map(([pem, flips, cut, truncate]) => {
      const lbl = /-----BEGIN ([A-Z ]+)-----/.exec(pem)?.[1] ?? 'PUBLIC KEY';
      const der = pemToDer(pem, lbl);
      const changed = truncate ? der.subarray(0, cut % der.length) : flipBits(der, flips);
      return armour(lbl, changed);
    });
  const pemInput = fc.oneof(
    anyString,
    fc.tuple(label, bytes(200)).map(([l, b]) => armour(l, b)),
    mutatedPem,
    fc.tuple(fc.constantFrom(...validPems), fc.nat(), anyString).map(([p, at, s]) => {
      const i = at % p.length;
      return p.slice(0, i) + s + p.slice(i);
    }),
  );

  it('p256PublicKeyFromPem / p256PrivateKeyFromPem / pemToDer return a value or throw ProtocolError', () => {
    fc.assert(
      fc.property(pemInput, label, (pem, lbl) => {
        const pub = parsesOrRejects(() => p256PublicKeyFromPem(pem));
        if (pub.ok) expect(pub.value.length).toBe(65);
        const priv = parsesOrRejects(() => p256PrivateKeyFromPem(pem));
        if (priv.ok) expect(priv.value.length).toBe(32);
        parsesOrRejects(() => pemToDer(pem, lbl));
      }),
      { numRuns: 300 },
    );
  });

  it('both backends sign and verify with any PEM or throw ProtocolError, and agree on every verification', () => {
    const message = new Uint8Array([1, 2, 3]);
    const signature = nodeBackend.ecdsaP256Sign(keys[0]?.privateKey as string, message);
    fc.assert(
      fc.property(pemInput, (pem) => {
        const verdicts = BACKENDS.map((backend) =>
          parsesOrRejects(() => backend.ecdsaP256Verify(pem, message, signature)),
        );
        expect(verdicts.map((v) => (v.ok ? v.value : 'rejected'))).toEqual(
          verdicts.map(() => (verdicts[0]?.ok ? verdicts[0].value : 'rejected')),
        );
        // Signing keys come from the operator: OpenSSL tolerates some malformed private keys (e.g. SEC1
        // version 0) that the portable parser refuses, so only the outcome type is checked there.
        for (const backend of BACKENDS) parsesOrRejects(() => backend.ecdsaP256Sign(pem, message));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same public point as node:crypto and re-encodes it to an equivalent PEM', () => {
    for (const { publicKey } of keys) {
      const jwk = createPublicKey(publicKey).export({ format: 'jwk' }) as { x: string; y: string };
      const point = p256PublicKeyFromPem(publicKey);
      expect(toHex(point)).toBe(
        `04${Buffer.from(jwk.x, 'base64url').toString('hex')}${Buffer.from(jwk.y, 'base64url').toString('hex')}`,
      );
      expect(p256PublicKeyFromPem(p256PublicKeyToPem(point))).toEqual(point);
    }
  });
});

describe('parseCalibrationCsv', () => {
  const csv = readFileSync(new URL('../en-calibration/en-calibration-2020-06-13.csv', import.meta.url), 'utf8');
  const lines = csv.split('\n').slice(0, 40);

  it('returns a table or throws ProtocolError for any text, header or not', () => {
    const header = lines[0] as string;
    const text = fc.oneof(
      anyUtf16,
      anyUtf16.map((body) => `${header}\n${body}`),
      fc.tuple(fc.nat(), fc.nat(), fc.stringMatching(/^[",\r\n a-z0-9-]{0,6}$/)).map(([line, at, junk]) => {
        // The real file's first lines with one line mangled by quotes, commas or line breaks.
        const copy = [...lines];
        const i = line % copy.length;
        const l = copy[i] as string;
        copy[i] = l.slice(0, at % (l.length + 1)) + junk + l.slice(at % (l.length + 1));
        return copy.join('\n');
      }),
    );
    fc.assert(
      fc.property(text, (t) => {
        parsesOrRejects(() => parseCalibrationCsv(t));
      }),
      { numRuns: 300 },
    );
  });
});

describe('export parsers', () => {
  const diagnosisKey: fc.Arbitrary<DiagnosisKey> = fc.record({
    keyData: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    rollingStartIntervalNumber: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    rollingPeriod: fc.integer({ min: 1, max: 144 }),
    transmissionRiskLevel: fc.integer({ min: 0, max: 8 }),
    reportType: fc.integer({ min: 0, max: 5 }),
    daysSinceOnsetOfSymptoms: fc.option(fc.integer({ min: -14, max: 14 }), { nil: undefined }),
  });
  const exportBatch: fc.Arbitrary<ExportBatch> = fc
    .record({
      times: fc.tuple(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 40 })),
      region: anyString,
      batch: fc
        .integer({ min: 1, max: 1000 })
        .chain((size) => fc.tuple(fc.integer({ min: 1, max: size }), fc.constant(size))),
      keys: fc.array(diagnosisKey, { maxLength: 20 }),
      revisedKeys: fc.option(fc.array(diagnosisKey, { minLength: 1, maxLength: 5 }), { nil: undefined }),
    })
    .map(({ times, region, batch, keys, revisedKeys }) => ({
      startTimestamp: Math.min(...times),
      endTimestamp: Math.max(...times),
      region,
      batchNum: batch[0],
      batchSize: batch[1],
      keys,
      revisedKeys,
    }));
  const signatureInfo = fc.record({
    verificationKeyVersion: anyString,
    verificationKeyId: anyString,
    signatureAlgorithm: anyString,
  });
  it('encodeExportBin refuses strings protobuf cannot carry exactly, and round-trips the rest', () => {
    fc.assert(
      fc.property(exportBatch, anyUtf16, (batch, region) => {
        const wellFormed = !/[\uD800-\uDFFF]/.test(region.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
        const r = parsesOrRejects(() => encodeExportBin({ ...batch, region }, []));
        expect(r.ok).toBe(wellFormed);
        if (r.ok) expect(decodeExportBin(r.value).region).toBe(region);
        const s = parsesOrRejects(() =>
          encodeExportBin(batch, [{ verificationKeyVersion: '', verificationKeyId: region, signatureAlgorithm: '' }]),
        );
        expect(s.ok).toBe(wellFormed);
      }),
      { numRuns: 300 },
    );
  });

  const byKeyBytes = (keys: DiagnosisKey[]) => [...keys].sort((a, b) => Buffer.compare(a.keyData, b.keyData));

  it('encodeExportBin → decodeExportBin round-trips any valid batch, keys sorted by bytes', () => {
    fc.assert(
      fc.property(exportBatch, fc.array(signatureInfo, { maxLength: 3 }), (batch, infos) => {
        const decoded = decodeExportBin(encodeExportBin(batch, infos));
        expect(decoded).toEqual({
          ...batch,
          keys: byKeyBytes(batch.keys),
          revisedKeys: batch.revisedKeys && byKeyBytes(batch.revisedKeys),
          signatureInfos: infos,
        });
      }),
    );
  });

  it('encodeExportSig → decodeExportSig round-trips any signature list', () => {
    const signature: fc.Arbitrary<ExportSignature> = fc.record({
      signatureInfo,
      batchNum: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      batchSize: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      signature: bytes(80),
    });
    fc.assert(
      fc.property(fc.array(signature, { maxLength: 4 }), (list) => {
        expect(decodeExportSig(encodeExportSig(list))).toEqual(list);
      }),
    );
  });

  it('protobuf decoding of every export message returns a message or throws ProtocolError', () => {
    const schemas = [
      TemporaryExposureKeyExportSchema,
      TEKSignatureListSchema,
      SignatureInfoSchema,
      TemporaryExposureKeySchema,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...schemas), bytes(), (schema, b) => {
        parsesOrRejects(() => _decodeExportMessage(schema, b, 'input'));
      }),
      { numRuns: 400 },
    );
  });

  it('decodeExportBin and decodeExportSig return a value or throw ProtocolError on any bytes', () => {
    const valid = encodeExportBin(
      { startTimestamp: 1, endTimestamp: 2, region: 'VN', batchNum: 1, batchSize: 1, keys: [] },
      [],
    );
    const binInput = fc.oneof(
      bytes(),
      bytes().map((b) => new Uint8Array([...EXPORT_HEADER_BYTES, ...b])),
      fc.tuple(exportBatch, bitPositions).map(([batch, flips]) => flipBits(encodeExportBin(batch, []), flips)),
      fc.tuple(exportBatch, fc.nat()).map(([batch, cut]) => {
        const bin = encodeExportBin(batch, []);
        return bin.subarray(0, cut % bin.length);
      }),
      fc.constant(valid),
    );
    fc.assert(
      fc.property(binInput, (b) => {
        parsesOrRejects(() => decodeExportBin(b));
        parsesOrRejects(() => decodeExportSig(b));
      }),
      { numRuns: 400 },
    );
  });

  describe('readExportZip', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const signer = { keyId: 'k', keyVersion: 'v1', privateKeyPem: privateKey };
    const sampleZip = new Uint8Array(
      readFileSync(new URL('../testdata/gaen-export-sample/testExport-2-records-1-of-1.zip', import.meta.url)),
    );
    const made = createExportZip(
      nodeBackend,
      { startTimestamp: 1, endTimestamp: 2, region: 'VN', batchNum: 1, batchSize: 1, keys: [] },
      [signer],
    );
    // The same files stored uncompressed: mutations then reach the protobuf parsers directly.
    const stored = zipSync(unzipSync(made), { level: 0 });
    const validZip = fc.constantFrom(sampleZip, made, stored);

    /** Parses and, when parsing succeeds, verifies on both backends: they must agree. */
    function readAndVerify(zip: Uint8Array): ReturnType<typeof parsesOrRejects<unknown>> {
      const r = parsesOrRejects(() => readExportZip(zip));
      if (r.ok) {
        const verdicts = BACKENDS.map((backend) => verifyExportSignature(backend, r.value, publicKey));
        expect(verdicts[0]).toBe(verdicts[1]);
      } else {
        expect(r.error.code).toMatch(/^invalid_(export|argument)$/);
      }
      return r;
    }

    it('returns a value or throws ProtocolError on random bytes, with or without a zip end record', () => {
      const eocd = fc
        .tuple(bytes(300), bytes(18))
        .map(([head, tail]) => new Uint8Array([...head, 0x50, 0x4b, 0x05, 0x06, ...tail]));
      fc.assert(
        fc.property(fc.oneof(bytes(), eocd), (b) => void readAndVerify(b)),
        { numRuns: 300 },
      );
    });

    it('rejects every truncation of a valid archive', () => {
      fc.assert(
        fc.property(validZip, fc.nat(), (zip, cut) => {
          expect(readAndVerify(zip.subarray(0, cut % zip.length)).ok).toBe(false);
        }),
        { numRuns: 300 },
      );
    });

    it('returns a value or throws ProtocolError after bit flips and overwritten bytes', () => {
      const mutated = fc.oneof(
        fc.tuple(validZip, bitPositions).map(([zip, flips]) => flipBits(zip, flips)),
        fc.tuple(validZip, fc.nat(), bytes(16)).map(([zip, at, junk]) => {
          const out = zip.slice();
          out.set(junk.subarray(0, Math.max(0, out.length - (at % out.length))), at % out.length);
          return out;
        }),
      );
      fc.assert(
        fc.property(mutated, (zip) => void readAndVerify(zip)),
        { numRuns: 500 },
      );
    });

    it('a flipped bit in stored export.bin content never leaves a valid signature', () => {
      const files = unzipSync(made);
      const bin = files['export.bin'] as Uint8Array;
      fc.assert(
        fc.property(bitPositions, (flips) => {
          const flipped = flipBits(bin, flips);
          // Flipping the same bit an even number of times gives the original back: not a change.
          fc.pre(Buffer.compare(flipped, bin) !== 0);
          const zip = zipSync({ ...files, 'export.bin': flipped }, { level: 0 });
          const r = readAndVerify(zip);
          if (r.ok) expect(verifyExportSignature(nodeBackend, r.value as ParsedExport, publicKey)).toBe(false);
        }),
      );
    });

    it('rejects archives with any extra entry', () => {
      // zipSync cannot write "__proto__" (object input); the next test covers that name.
      const name = fc.oneof(
        anyString.filter((n) => n !== '__proto__'),
        fc.constantFrom('export.bin', 'export.sig', 'EXPORT.BIN', '../export.bin'),
      );
      fc.assert(
        fc.property(validZip, name, bytes(64), (zip, extraName, content) => {
          const files = unzipSync(zip);
          // A duplicate of export.bin/export.sig is appended as a second entry of the same name.
          const extra = zipSync({ [extraName || 'x']: content });
          const r = readAndVerify(appendEntry(zipSync(files), extra));
          expect(r.ok).toBe(false);
        }),
        { numRuns: 200 },
      );
    });

    it('rejects an entry named __proto__ without touching prototypes', () => {
      const zip = zipSync({ ...unzipSync(made), ABCDEFGHI: new Uint8Array(4) });
      const name = new TextEncoder().encode('ABCDEFGHI');
      for (let i = 0; i + name.length <= zip.length; i++) {
        if (name.every((c, j) => zip[i + j] === c)) zip.set(new TextEncoder().encode('__proto__'), i);
      }
      expect(() => readExportZip(zip)).toThrow(/unexpected entry "__proto__"/);
    });
  });
});

/**
 * Concatenates the entries of two archives into one (local headers of both, then both central
 * directories), so names may repeat, which zipSync's object input cannot express.
 */
function appendEntry(zip: Uint8Array, extra: Uint8Array): Uint8Array {
  const parts = (z: Uint8Array) => {
    const view = new DataView(z.buffer, z.byteOffset, z.byteLength);
    const end = z.length - 22;
    return {
      count: view.getUint16(end + 10, true),
      cdSize: view.getUint32(end + 12, true),
      cdOffset: view.getUint32(end + 16, true),
    };
  };
  const a = parts(zip);
  const b = parts(extra);
  const bCentral = extra.slice(b.cdOffset, b.cdOffset + b.cdSize);
  // Shift the extra entry's local header offset (central header offset 42) past the first archive's entries.
  const bView = new DataView(bCentral.buffer);
  for (let at = 0; at < bCentral.length; ) {
    bView.setUint32(at + 42, bView.getUint32(at + 42, true) + a.cdOffset, true);
    at += 46 + bView.getUint16(at + 28, true) + bView.getUint16(at + 30, true) + bView.getUint16(at + 32, true);
  }
  const locals = new Uint8Array([...zip.subarray(0, a.cdOffset), ...extra.subarray(0, b.cdOffset)]);
  const central = new Uint8Array([...zip.subarray(a.cdOffset, a.cdOffset + a.cdSize), ...bCentral]);
  const eocd = new Uint8Array(22);
  const e = new DataView(eocd.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, a.count + b.count, true);
  e.setUint16(10, a.count + b.count, true);
  e.setUint32(12, central.length, true);
  e.setUint32(16, locals.length, true);
  return new Uint8Array([...locals, ...central, ...eocd]);
}
