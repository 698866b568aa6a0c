// Compatibility with real GAEN key servers: Google's sample export
// (google/exposure-notifications-server examples/export, copied to testdata/gaen-export-sample).
import { readFileSync } from 'node:fs';
import {
  decodeExportBin,
  EXPORT_HEADER,
  encodeExportBin,
  ReportType,
  readExportZip,
  SIGNATURE_ALGORITHM_P256_SHA256,
  toHex,
  verifyExportSignature,
} from '@bluezone/protocol';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';

const sampleDir = new URL('../testdata/gaen-export-sample/', import.meta.url);
const sampleZip = new Uint8Array(readFileSync(new URL('testExport-2-records-1-of-1.zip', sampleDir)));
const samplePem = readFileSync(new URL('public.pem', sampleDir), 'utf8');

describe('Google sample export testExport-2-records-1-of-1.zip', () => {
  it('decodes every field listed in the sample README', () => {
    const parsed = readExportZip(sampleZip);
    expect(EXPORT_HEADER).toBe('EK Export v1    ');
    expect(new TextDecoder().decode(parsed.exportBin.subarray(0, 16))).toBe(EXPORT_HEADER);
    expect(parsed.startTimestamp).toBe(1590159600);
    expect(parsed.endTimestamp).toBe(1590246000);
    expect(parsed.region).toBe('US');
    expect(parsed.batchNum).toBe(1);
    expect(parsed.batchSize).toBe(1);
    const info = {
      verificationKeyVersion: '1',
      verificationKeyId: 'some_id',
      signatureAlgorithm: '1.2.840.10045.4.3.2',
    };
    expect(parsed.signatureInfos).toEqual([info]);
    expect(parsed.keys.map((k) => ({ ...k, keyData: toHex(k.keyData) }))).toEqual([
      {
        keyData: '172fc480e598490c34177604339b1543',
        transmissionRiskLevel: 8,
        rollingStartIntervalNumber: 2649980,
        rollingPeriod: 1,
        reportType: ReportType.Unknown,
        daysSinceOnsetOfSymptoms: undefined,
      },
      {
        keyData: '2b63053ac483238de176169e861f3dcd',
        transmissionRiskLevel: 1,
        rollingStartIntervalNumber: 2649866,
        rollingPeriod: 114,
        reportType: ReportType.Unknown,
        daysSinceOnsetOfSymptoms: undefined,
      },
    ]);
    expect(parsed.revisedKeys).toBeUndefined();
    expect(parsed.signatures).toHaveLength(1);
    const [sig] = parsed.signatures;
    expect(sig?.signatureInfo).toEqual(info);
    expect(sig?.signatureInfo.signatureAlgorithm).toBe(SIGNATURE_ALGORITHM_P256_SHA256);
    expect(sig?.batchNum).toBe(1);
    expect(sig?.batchSize).toBe(1);
    // DER SEQUENCE of two INTEGERs (X9.62).
    expect(sig?.signature[0]).toBe(0x30);
  });

  it('re-encodes to the identical export.bin bytes', () => {
    const parsed = readExportZip(sampleZip);
    const { signatureInfos, ...batch } = decodeExportBin(parsed.exportBin);
    expect(toHex(encodeExportBin(batch, signatureInfos))).toBe(toHex(parsed.exportBin));
  });

  for (const backend of BACKENDS) {
    describe(`${backend.name} backend`, () => {
      it('verifies the signature with public.pem, with and without the key id', () => {
        const parsed = readExportZip(sampleZip);
        expect(verifyExportSignature(backend, parsed, samplePem)).toBe(true);
        expect(verifyExportSignature(backend, parsed, samplePem, 'some_id')).toBe(true);
        expect(verifyExportSignature(backend, parsed, samplePem, 'other_id')).toBe(false);
      });

      it('rejects the signature after any single byte of export.bin is flipped', () => {
        const parsed = readExportZip(sampleZip);
        // Flip a byte in the header, in a timestamp and in the last key: all are signed.
        for (const at of [0, 20, parsed.exportBin.length - 1]) {
          const exportBin = parsed.exportBin.slice();
          exportBin[at] = (exportBin[at] as number) ^ 0x01;
          expect(verifyExportSignature(backend, { ...parsed, exportBin }, samplePem)).toBe(false);
        }
      });

      it('rejects a re-zipped archive whose export.bin was altered', () => {
        const files = unzipSync(sampleZip);
        const bin = (files['export.bin'] as Uint8Array).slice();
        // Key byte inside the first key: still a well-formed file, but not the signed one.
        bin[0x52] = (bin[0x52] as number) ^ 0xff;
        const tampered = zipSync({ 'export.bin': bin, 'export.sig': files['export.sig'] as Uint8Array });
        const parsed = readExportZip(tampered);
        expect(toHex(parsed.keys[0]?.keyData ?? new Uint8Array())).not.toBe('172fc480e598490c34177604339b1543');
        expect(verifyExportSignature(backend, parsed, samplePem)).toBe(false);
      });
    });
  }

  it('rejects a truncated archive with invalid_export', () => {
    for (const length of [0, 10, sampleZip.length / 2, sampleZip.length - 1]) {
      expect(() => readExportZip(sampleZip.subarray(0, Math.floor(length)))).toThrow(
        expect.objectContaining({ name: 'ProtocolError', code: 'invalid_export' }),
      );
    }
  });
});
